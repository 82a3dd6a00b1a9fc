package io.cxonehandoff.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;


/**
 * How many evaluations in a row found an interaction's bot confidence below a threshold (the
 * repeated-low-confidence rule). Each evaluation follows an event of the chat (a bot turn, or a coalesced run of
 * events), so the streak counts turns as the integration saw them. Kept in memory only, bounded by a time to
 * live and a largest number of chats; lost on restart (the streak then starts again).
 */
final class LowConfidenceStreak {

    private final LongSupplier clock;
    private final Map<String, long[]> streaks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > maxEntries;
        }
    };
    private final double below;
    private final long ttlMillis;
    private final int maxEntries;

    LowConfidenceStreak(double below, long ttlMinutes, int maxEntries, LongSupplier clock) {
        this.below = below;
        this.ttlMillis = TimeUnit.MINUTES.toMillis(ttlMinutes);
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Counts this evaluation's score into the chat's streak: below → one more, else 0. Returns the streak. */
    synchronized long observe(String id, Double score) {
        long now = clock.getAsLong();
        long[] streak = streaks.get(id);
        if (streak != null && now - streak[1] > ttlMillis) {
            streak = null;
        }
        long count = score != null && score < below ? (streak == null ? 0 : streak[0]) + 1 : 0;
        if (count == 0) {
            streaks.remove(id);
        } else {
            streaks.put(id, new long[] {count, now});
        }
        return count;
    }

    synchronized int tracked() {
        return streaks.size();
    }
}
