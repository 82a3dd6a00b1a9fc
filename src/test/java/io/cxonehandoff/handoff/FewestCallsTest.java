package io.cxonehandoff.handoff;

import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.metrics.CallsPerHandoff;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenant's limit bounds handoffs/s at R / C: every call a handoff does not need lowers it. A restart in
 * business hours (chats already waiting, found by the catch-up, and their live events at once) and a chat that
 * sends several events at once cost what one handoff needs: one read (none for a listing entry), the history
 * pages, one context write, one transfer.
 */
class FewestCallsTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        // the customer's acknowledgement is its own call (counted apart below); the queue check is cached
        return properties("handoff.parallelism", "32", "cxone.rate-limit-rps", "1000");
    }

    @Test
    void aRestartWithChatsWaitingCostsOneHandoffsCallsPerChat() {
        awaitSubscribed();
        // "down": events are lost, as during a restart
        simulator().setAcceptAuthentication(false);
        simulator().dropConnections(true);
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 0);
        int chats = 200;
        List<String> ids = IntStream.range(0, chats).mapToObj(i -> "waiting-" + i).toList();
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(30).create());
        int before = simulator().requests().size();

        // back: the catch-up lists them while their live events arrive
        simulator().setAcceptAuthentication(true);
        awaitSubscribed();
        ids.forEach(id -> simulator().emitEvent(id));

        await().atMost(PATIENCE).until(() -> simulator().acceptedTransfers().stream()
                .filter(t -> ids.contains(t.interactionId())).count() >= chats);
        ids.forEach(id -> {
            assertThat(simulator().transfersFor(id)).as("transferred once: %s", id).hasSize(1);
            assertThat(simulator().transfersFor(id).get(0).history()).hasSize(30);
        });
        await().atMost(PATIENCE).until(() -> simulator().customerMessages().stream()
                .filter(m -> ids.contains(m.interactionId())).count() >= chats);

        List<RecordedRequest> calls = simulator().requests().subList(before, simulator().requests().size());
        long reads = count(calls, Operation.GET_INTERACTION);
        long listings = count(calls, Operation.LIST_INTERACTIONS);
        long pages = count(calls, Operation.GET_MESSAGES);
        long contexts = count(calls, Operation.PATCH_CONTEXT);
        long transfers = count(calls, Operation.TRANSFER);
        assertThat(reads).as("at most one read per chat; none for a listing entry evaluated first").isLessThanOrEqualTo(chats);
        assertThat(pages).as("one history page per chat").isEqualTo(chats);
        assertThat(contexts).isEqualTo(chats);
        assertThat(transfers).isEqualTo(chats);
        double c = (double) (reads + listings + pages + contexts + transfers) / chats;
        assertThat(c).as("C = calls per handoff (C_min = 4); %d reads, %d listing pages", reads, listings)
                .isLessThanOrEqualTo(4.05);
        assertThat(count(calls, Operation.POST_MESSAGE)).as("the customer told once each").isEqualTo(chats);

        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        assertThat(CallsPerHandoff.byOperation(registry)).containsKeys("get-interaction", "get-messages-page",
                "patch-context", "transfer");
        assertThat(CallsPerHandoff.byOperation(registry).get("transfer")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aChatsBurstOfEventsCostsOneEvaluation() {
        awaitSubscribed();
        // slow calls: all five events of a chat are in before its handoff is done (an event that arrives after it may
        // be a handback, and is evaluated)
        simulator().setLatencyMillis(400);
        try {
            int chats = 20;
            List<String> ids = IntStream.range(0, chats).mapToObj(i -> "chatty-" + i).toList();
            ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(10).create());
            int before = simulator().requests().size();
            // five events per chat within a few milliseconds: the bot's turns, the customer's messages
            for (int round = 0; round < 5; round++) {
                ids.forEach(id -> simulator().emitEvent(id));
            }

            await().atMost(PATIENCE).until(() -> simulator().acceptedTransfers().stream()
                    .filter(t -> ids.contains(t.interactionId())).count() >= chats);
            ids.forEach(id -> assertThat(simulator().transfersFor(id)).as("transferred once: %s", id).hasSize(1));
            // every event is done: none waits in a lane, none runs
            await().atMost(PATIENCE).until(this::lanesIdle);
            List<RecordedRequest> calls = simulator().requests().subList(before, simulator().requests().size());
            assertThat(count(calls, Operation.GET_INTERACTION)).as("one read per chat for 5 events each").isEqualTo(chats);
            assertThat(counter("cxone.events.coalesced")).as("the waiting events joined").isGreaterThan(0);
            assertThat(counter("cxone.handoff.skipped", "reason", "handed_off")).as("answered by the handoff").isGreaterThan(0);
        } finally {
            simulator().setLatencyMillis(0);
        }
    }

    @Test
    void aChangeWhileTheChatsEventsWaitIsHandedOffOnceAsItIsNow() {
        awaitSubscribed();
        // the first evaluation's read takes a second: the next events wait behind it
        simulator().setLatencyMillis(1000);
        try {
            simulator().chat("changing").confidence(0.9).messages(4).create();
            double joinedBefore = counter("cxone.events.coalesced");
            double answeredBefore = counter("cxone.handoff.skipped", "reason", "handed_off");
            simulator().emitEvent("changing");
            simulator().emitEvent("changing");
            // the bot's next turn fails; its event joins the waiting one
            simulator().chat("changing").confidence(0.1).messages(6).create();
            simulator().emitEvent("changing");

            await().atMost(PATIENCE).until(() -> simulator().transfersFor("changing").size() == 1);
            await().atMost(PATIENCE).until(this::lanesIdle);
            assertThat(simulator().transfersFor("changing")).singleElement().satisfies(t -> {
                assertThat(t.reason()).isEqualTo("low_confidence");
                assertThat(t.history()).as("the history as it is now").hasSize(6);
            });
            // the first evaluation's read answered after the change; the two events behind it joined, and the
            // handoff answered them
            assertThat(counter("cxone.events.coalesced") - joinedBefore).isEqualTo(1);
            assertThat(counter("cxone.handoff.skipped", "reason", "handed_off") - answeredBefore).isEqualTo(1);
            assertThat(simulator().requests().stream().filter(r -> r.operation() == Operation.GET_INTERACTION
                                                                   && "changing".equals(r.interactionId())))
                    .as("three events, one read").hasSize(1);
        } finally {
            simulator().setLatencyMillis(0);
        }
    }

    private static long count(List<RecordedRequest> calls, Operation operation) {
        return calls.stream().filter(r -> r.operation() == operation).count();
    }
}
