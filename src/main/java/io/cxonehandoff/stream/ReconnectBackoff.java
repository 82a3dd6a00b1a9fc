package io.cxonehandoff.stream;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: attempt n waits a uniform random time in
 * [0, min(max, base * 2^n)]. Spreads reconnecting clients out instead of lining them up.
 * Not thread-safe: the stream's single thread owns it.
 */
public final class ReconnectBackoff {

    private final long baseMillis;
    private final long maxMillis;
    private final LongUnaryOperator jitter;
    private int attempt;

    public ReconnectBackoff(long baseMillis, long maxMillis) {
        this(baseMillis, maxMillis, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** {@code jitter} maps a bound to a value in [0, bound]. */
    ReconnectBackoff(long baseMillis, long maxMillis, LongUnaryOperator jitter) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("need 0 < base <= max, got base=" + baseMillis + " max=" + maxMillis);
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.jitter = jitter;
    }

    /** The delay before the next attempt; each call counts one more attempt. */
    public long nextDelayMillis() {
        return jitter.applyAsLong(currentCapMillis(attempt++));
    }

    /** The cap of attempt {@code n}: base doubled n times, never above max. */
    long currentCapMillis(int n) {
        long cap = baseMillis;
        for (int i = 0; i < n && cap < maxMillis; i++) {
            cap = cap * 2;
        }
        return Math.min(cap, maxMillis);
    }

    /** Back to the first attempt's cap, after a healthy connection. */
    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
