package io.cxonehandoff.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.simulator.Operation;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 500 chats with every fault on at once: latency, a tenant limit below our pace, 429s with Retry-After, random
 * 5xx, two-second tokens, socket drops (abrupt and 1011) with events lost while down, malformed frames
 * and duplicate events. Nothing lost, nothing repeated.
 */
class SoakTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        // our pace allows 196 calls/s, the tenant only 150
        return properties("handoff.parallelism", "64", "cxone.rate-limit-rps", "200");
    }

    @Test
    void fiveHundredChatsWithAllFaultsOnAreEachHandedOffExactlyOnce() throws Exception {
        awaitSubscribed();
        simulator().setLatencyMillis(5);
        simulator().setRateLimitPerSecond(150);
        simulator().setTokenTtlSeconds(2);
        simulator().revokeAllTokens();
        simulator().failRandomly(Operation.TRANSFER, 0.05, 503);
        simulator().failRandomly(Operation.GET_MESSAGES, 0.03, 500);
        simulator().failRandomly(Operation.PATCH_CONTEXT, 0.03, 502);
        simulator().failRandomly(Operation.GET_INTERACTION, 0.02, 429); // with Retry-After: 1

        List<String> needHandoff = new ArrayList<>();
        List<String> botCopes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String id = "soak-" + i;
            if (i % 10 < 7) {
                simulator().chat(id).confidence(i % 2 == 0 ? 0.12 : 0.9).userRequestedTransfer(i % 2 == 1)
                        .messages(i % 230).create();
                needHandoff.add(id);
            } else {
                simulator().chat(id).confidence(0.8).messages(4).create();
                botCopes.add(id);
            }
            simulator().emitEvent(id);
            if (i % 7 == 0) {
                simulator().emitEvent(id, "awaiting_response"); // a second event for the same chat
            }
            if (i % 25 == 0) {
                simulator().emitRaw("{not json");
            }
            if (i % 100 == 50) {
                simulator().dropConnections(i % 200 == 50);
                awaitSubscribed();
            }
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> needHandoff.stream().allMatch(id -> !simulator().transfersFor(id).isEmpty()));

        Arrays.stream(Operation.values()).forEach(op -> simulator().failRandomly(op, 0, 0));
        for (String id : needHandoff) {
            assertThat(simulator().transfersFor(id)).as(id).hasSize(1);
            int index = Integer.parseInt(id.substring(5));
            assertThat(simulator().transfersFor(id).get(0).history()).as(id).hasSize(index % 230);
        }
        assertThat(botCopes).allSatisfy(id -> assertThat(simulator().transfersFor(id)).as(id).isEmpty());
        assertThat(simulator().acceptedTransfers()).hasSize(needHandoff.size());
        // a chat whose handoff failed for good meanwhile was caught up later; replaying its dead letter
        // must not transfer anything twice
        SharedDeadLetters deadLetters = context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
        NotifyBuilder replaysDone = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(deadLetters.count()).create();
        deadLetters.replayAll();
        assertThat(replaysDone.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().acceptedTransfers()).hasSize(needHandoff.size());
        assertThat(simulator().requests().stream().filter(r -> r.status() == 429)).as("the limit was hit").isNotEmpty();
    }
}
