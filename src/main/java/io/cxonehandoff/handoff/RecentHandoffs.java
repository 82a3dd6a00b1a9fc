package io.cxonehandoff.handoff;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * When this process last handed each interaction off (transferred, or found transferred), the most recent
 * {@code capacity} of them. An event that arrived before that moment describes the chat while the bot still had
 * it: the handoff has answered it already, so it is skipped before any call. One that arrived later may be a
 * handback (a new bot episode) and is evaluated as usual. In memory: after a restart (or on a new leader) the
 * evaluation reads the interaction and the handoff record decides, as before.
 */
public class RecentHandoffs {

    private final LongSupplier clock;
    private int capacity = 10_000;
    private final Map<String, Long> handedOffAt = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > capacity;
        }
    };

    public RecentHandoffs() {
        this(System::currentTimeMillis);
    }

    RecentHandoffs(LongSupplier clock) {
        this.clock = clock;
    }

    /** The transfer of this interaction has just answered (200 or 409). */
    public synchronized void handedOff(@ExchangeProperty("interactionId") String interactionId) {
        handedOffAt.put(interactionId, clock.getAsLong());
    }

    /** Whether this process handed the exchange's interaction off after its (newest) event arrived. */
    public boolean answered(Exchange exchange) {
        String id = exchange.getProperty("interactionId", String.class);
        Long arrived = exchange.getProperty(EventCoalescing.LAST_ARRIVAL, Long.class);
        if (arrived == null) {
            arrived = exchange.getProperty(EventCoalescing.ARRIVAL, Long.class);
        }
        return id != null && arrived != null && answeredAfter(id, arrived);
    }

    synchronized boolean answeredAfter(String interactionId, long arrivedAtMillis) {
        Long at = handedOffAt.get(interactionId);
        return at != null && at >= arrivedAtMillis;
    }

    /** How many interactions are remembered at most (the oldest are forgotten first). */
    public synchronized void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }
}
