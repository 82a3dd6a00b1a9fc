package io.cxonehandoff.handoff;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventCoalescingTest {

    private final CamelContext context = new DefaultCamelContext();
    private final EventCoalescing coalescing = new EventCoalescing();

    EventCoalescingTest() {
        coalescing.setTypes("webchat");
        coalescing.setStates("bot_active, awaiting_response");
    }

    private Exchange event(String state, long arrivedAt, Map<String, Object> carried) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "webchat", "id", "chat-1", "state", state));
        if (carried != null) {
            body.put("interaction", carried);
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        exchange.setProperty("eventArrivedAt", arrivedAt);
        return exchange;
    }

    @Test
    void twoEventsThatAskForAnEvaluationJoinOthersStayApart() {
        assertThat(coalescing.preComplete(event("bot_active", 1, null), event("awaiting_response", 2, null))).isFalse();
        assertThat(coalescing.preComplete(event("bot_active", 1, null), event("agent_assigned", 2, null))).isTrue();
        assertThat(coalescing.preComplete(event("queued", 1, null), event("bot_active", 2, null))).isTrue();
        Exchange voice = event("bot_active", 2, null);
        voice.getMessage().getBody(Map.class).put("type", "voice");
        assertThat(coalescing.preComplete(event("bot_active", 1, null), voice)).isTrue();
    }

    @Test
    void theJoinedEventIsTheNewerOneSinceTheOlderOnesArrival() {
        Exchange joined = coalescing.aggregate(event("bot_active", 100, null), event("awaiting_response", 250, null));
        assertThat(joined.getMessage().getBody(Map.class).get("state")).isEqualTo("awaiting_response");
        assertThat(joined.getProperty("eventArrivedAt")).as("the customer waits since the first").isEqualTo(100L);
        assertThat(joined.getProperty(EventCoalescing.LAST_ARRIVAL)).isEqualTo(250L);
    }

    @Test
    void aListingEntryStandsInForARead() {
        Map<String, Object> listed = Map.of("id", "chat-1", "state", "bot_active");
        Map<String, Object> listedLater = Map.of("id", "chat-1", "state", "awaiting_response");

        Exchange afterLive = coalescing.aggregate(event("bot_active", 1, null), event("bot_active", 2, listed));
        assertThat(afterLive.getMessage().getBody(Map.class)).as("a live event the listing may predate: read afresh")
                .doesNotContainKey("interaction");

        Exchange liveAfter = coalescing.aggregate(event("bot_active", 1, listed), event("bot_active", 2, null));
        assertThat(liveAfter.getMessage().getBody(Map.class)).doesNotContainKey("interaction");

        Exchange bothListed = coalescing.aggregate(event("bot_active", 1, listed), event("bot_active", 2, listedLater));
        assertThat(bothListed.getMessage().getBody(Map.class).get("interaction")).isEqualTo(listedLater);
    }

    @Test
    void aLiveEventThatJoinsAReplayKeepsItAReplay() {
        Exchange replay = event("bot_active", 1, null);
        replay.setProperty("replayOf", "chat-1-letter.json");
        Exchange joined = coalescing.aggregate(replay, event("bot_active", 2, null));
        assertThat(joined.getProperty("replayOf")).isEqualTo("chat-1-letter.json");
    }
}
