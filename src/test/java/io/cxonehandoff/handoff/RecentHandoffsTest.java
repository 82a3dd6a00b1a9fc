package io.cxonehandoff.handoff;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentHandoffsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentHandoffs recent = new RecentHandoffs(now::get);

    private Exchange event(String id, long arrivedAt, Long lastArrivedAt) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty("interactionId", id);
        exchange.setProperty("eventArrivedAt", arrivedAt);
        if (lastArrivedAt != null) {
            exchange.setProperty(EventCoalescing.LAST_ARRIVAL, lastArrivedAt);
        }
        return exchange;
    }

    @Test
    void anEventFromBeforeTheHandoffIsAnsweredOneAfterItIsNot() {
        recent.handedOff("chat-1");
        assertThat(recent.answered(event("chat-1", 900, null))).isTrue();
        assertThat(recent.answered(event("chat-1", 1_001, null))).as("maybe a handback").isFalse();
        assertThat(recent.answered(event("chat-2", 900, null))).isFalse();
    }

    @Test
    void aJoinedEventCountsFromItsNewestArrival() {
        recent.handedOff("chat-1");
        assertThat(recent.answered(event("chat-1", 900, 1_200L))).isFalse();
    }

    @Test
    void theOldestAreForgottenFirst() {
        recent.setCapacity(2);
        recent.handedOff("chat-1");
        recent.handedOff("chat-2");
        recent.handedOff("chat-3");
        assertThat(recent.answered(event("chat-1", 900, null))).isFalse();
        assertThat(recent.answered(event("chat-3", 900, null))).isTrue();
    }
}
