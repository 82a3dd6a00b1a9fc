package io.cxonehandoff.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.camel.ExchangeProperty;

/**
 * The loop guard: a chat that agents keep handing back to the bot is handed off at most
 * {@code handoff.max-per-interaction} times in 24 hours; beyond that it is left where it is. Also: a chat whose
 * handoff failed for good {@code handoff.max-dead-letters-per-interaction} times is not handed off again by
 * catch-up or events until a dead letter of it is replayed by hand (no loop of failures). In memory, bounded;
 * a restart forgets it (documented).
 */
public class LoopGuard {

    private static final long DAY = TimeUnit.HOURS.toMillis(24);
    private static final int MAX_CHATS = 100_000;

    private final LongSupplier clock;
    private final Map<String, Deque<Long>> handoffs = bounded();
    private final Map<String, Integer> deadLetters = bounded();
    private int maxPerInteraction = 3;
    private int maxDeadLetters = 2;

    public LoopGuard() {
        this(System::currentTimeMillis);
    }

    LoopGuard(LongSupplier clock) {
        this.clock = clock;
    }

    /** Whether the chat had as many handoffs in the last 24 hours as it may have. */
    public synchronized boolean handoffsExhausted(@ExchangeProperty("interactionId") String id) {
        Deque<Long> times = handoffs.get(id);
        if (times == null) {
            return false;
        }
        long now = clock.getAsLong();
        while (!times.isEmpty() && now - times.peekFirst() > DAY) {
            times.pollFirst();
        }
        return times.size() >= maxPerInteraction;
    }

    /** A handoff of the chat was made (its transfer answered). */
    public synchronized void handedOff(@ExchangeProperty("interactionId") String id) {
        handoffs.computeIfAbsent(id, k -> new ArrayDeque<>()).addLast(clock.getAsLong());
        deadLetters.remove(id);
    }

    /** Whether the chat's handoffs failed for good too often to try again without an operator. */
    public synchronized boolean failedTooOften(@ExchangeProperty("interactionId") String id,
                                               @ExchangeProperty("replayOf") String replayOf) {
        return replayOf == null && deadLetters.getOrDefault(id, 0) >= maxDeadLetters;
    }

    /** A handoff of the chat failed for good (a dead letter was stored). */
    public synchronized void deadLettered(@ExchangeProperty("interactionId") String id) {
        if (id != null) {
            deadLetters.merge(id, 1, Integer::sum);
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_CHATS;
            }
        };
    }

    /** Handoffs per chat in 24 hours (handoff.max-per-interaction). */
    public void setMaxPerInteraction(String max) {
        this.maxPerInteraction = PolicySettings.positive("handoff.max-per-interaction", max);
    }

    /** Dead letters per chat before only an operator's replay hands it off (handoff.max-dead-letters-per-interaction). */
    public void setMaxDeadLetters(String max) {
        this.maxDeadLetters = PolicySettings.positive("handoff.max-dead-letters-per-interaction", max);
    }
}
