package io.cxonehandoff.handoff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Different interactions run in parallel; the events of one interaction are decided in arrival order (dfo:
 * {@code DfoConcurrencyTest}).
 */
class ConcurrencyTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties("handoff.parallelism", "64", CATCH_UP_OFF, "cxone.rate-limit-rps", "2000");
    }

    @Override
    public String isMockEndpoints() {
        return "direct:cxone-get-interaction";
    }

    @Test
    void eventsOfOneInteractionAreDecidedInArrivalOrder() throws Exception {
        awaitSubscribed();
        simulator().setLatencyMillis(2);
        MockEndpoint decided = getMockEndpoint("mock:direct:cxone-get-interaction");
        // 80 interactions, 5 events each, interleaved; "seq" numbers each interaction's events
        for (int seq = 0; seq < 5; seq++) {
            for (int i = 0; i < 80; i++) {
                simulator().emitRaw(orderedFrame("ordered-" + i, seq));
            }
        }

        // an event that finds an earlier one of its interaction still waiting joins it (one evaluation, the newer event)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(decided.getReceivedCounter() + counter("cxone.events.coalesced"))
                .isEqualTo(400.0));
        Map<Object, List<Integer>> seqById = new LinkedHashMap<>();
        for (Exchange exchange : decided.getReceivedExchanges()) {
            Map<?, ?> event = exchange.getMessage().getBody(Map.class);
            seqById.computeIfAbsent(event.get("id"), id -> new ArrayList<>()).add(((Number) seqOf(event)).intValue());
        }
        assertThat(seqById).hasSize(80).allSatisfy((id, seqs) -> {
            assertThat(seqs).as("%s: in arrival order", id).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.get(seqs.size() - 1)).as("%s: the last event is decided", id).isEqualTo(4);
        });
    }

    @Test
    void handoffsOfDifferentChatsRunAtTheSameTime() {
        awaitSubscribed();
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> "together-" + i).toList();
        makeWatched(ids.toArray(String[]::new));
        simulator().setLatencyMillis(500);
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(5).create());
        Instant start = Instant.now();

        ids.forEach(simulator()::emitEvent);

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
        List<RecordedRequest> calls = simulator().requests().stream()
                .filter(r -> ids.contains(r.interactionId()) && r.receivedAt().isAfter(start)).toList();
        assertThat(mostInFlight(calls)).as("calls in flight at once").isGreaterThanOrEqualTo(25);
    }

    @Test
    void aSlowChatDoesNotHoldUpUnrelatedOnes() {
        awaitSubscribed();
        // any chat: a thread that is free takes the next chat, whatever its id
        List<String> quick = IntStream.range(0, 20).mapToObj(i -> "quick-" + i).toList();
        makeWatched(quick.toArray(String[]::new));
        makeWatched("slow");
        simulator().setLatencyMillis(20);
        simulator().chat("slow").confidence(0.1).messages(5_000).create(); // 50 pages: over a second
        quick.forEach(id -> simulator().chat(id).confidence(0.1).messages(5).create());

        simulator().emitEvent("slow");
        quick.forEach(simulator()::emitEvent);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor("slow").size() == 1);
        Instant slowDone = simulator().transfersFor("slow").get(0).at();
        assertThat(quick).allSatisfy(id -> {
            assertThat(simulator().transfersFor(id)).hasSize(1);
            assertThat(simulator().transfersFor(id).get(0).at()).isBefore(slowDone);
        });
    }

    /** A frame of an event of interaction {@code id} that says which of its events it is ({@code seq}, 0-4). */
    protected String orderedFrame(String id, int seq) {
        return "{\"type\":\"webchat\",\"id\":\"" + id + "\",\"state\":\"bot_active\",\"seq\":" + seq + "}";
    }

    /** Which of its interaction's events this one is, as {@link #orderedFrame} said. */
    protected Object seqOf(Map<?, ?> event) {
        return event.get("seq");
    }
}
