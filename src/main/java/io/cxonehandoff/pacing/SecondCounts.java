package io.cxonehandoff.pacing;

import java.util.Arrays;

/**
 * Calls per second over the {@link #SECONDS} seconds up to the newest one a call was placed in, in a ring: a rolling
 * hour in 3,602 counters whatever the call rate, instead of one timestamp per call.
 *
 * <p>Why 3,600 + 2 seconds: a real hour that starts part-way into a second touches 3,601 whole seconds, and a call
 * may go up to a second after the second it was counted in (a late wake-up, a wait rounded up to the millisecond).
 * Counting over one more second keeps every real rolling hour of sent calls within the budget.
 */
final class SecondCounts {

    /** The seconds one call's hour covers: its own and the {@code SECONDS - 1} before. */
    static final int SECONDS = 3602;

    private final int[] counts = new int[SECONDS];
    /** The newest second held; the ring holds {@code head - SECONDS + 1 .. head}. */
    private long head = Long.MIN_VALUE;
    /** Calls in the seconds held. */
    private long total;

    /** Moves the newest second forward to {@code second} (never back): the seconds that fall out are forgotten. */
    void advanceTo(long second) {
        if (head == Long.MIN_VALUE) {
            head = second;
            return;
        }
        if (second <= head) {
            return;
        }
        if (second - head >= SECONDS) {
            Arrays.fill(counts, 0);
            total = 0;
        } else {
            for (long s = head + 1; s <= second; s++) {
                int i = index(s);
                total -= counts[i];
                counts[i] = 0;
            }
        }
        head = second;
    }

    /** Counts one call in the newest second. */
    void addToHead() {
        counts[index(head)]++;
        total++;
    }

    /** Calls in the {@link #SECONDS} seconds up to the newest: the window of a call placed there now. */
    long total() {
        return total;
    }

    /** Calls counted in {@code second} (0 outside the seconds held). */
    int at(long second) {
        return second > head || second <= head - SECONDS ? 0 : counts[index(second)];
    }

    /** The newest second held ({@code Long.MIN_VALUE} before the first). */
    long head() {
        return head;
    }

    private static int index(long second) {
        return (int) Math.floorMod(second, (long) SECONDS);
    }
}
