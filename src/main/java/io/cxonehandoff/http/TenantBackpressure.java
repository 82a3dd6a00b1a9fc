package io.cxonehandoff.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The tenant told us to slow down (429 + Retry-After): every call to that tenant waits until the pause is
 * over, instead of collecting its own 429. The {@code cxone-request} route delays by
 * {@link #remainingMillis()} before the tenant-wide pace.
 */
public class TenantBackpressure {

    /** Over how long the calls held by a pause are spread out when it ends. */
    static final long SPREAD_MILLIS = 1_000;

    private final AtomicLong pausedUntil = new AtomicLong();
    private final LongSupplier clock;

    public TenantBackpressure() {
        this(System::currentTimeMillis);
    }

    TenantBackpressure(LongSupplier clock) {
        this.clock = clock;
    }

    /** Extends the pause to at least {@code millis} from now (never shortens it). */
    public void pauseFor(long millis) {
        long until = clock.getAsLong() + millis;
        pausedUntil.accumulateAndGet(until, Math::max);
    }

    /**
     * How long a call must still wait before it may go to CXone (0 when not paused). Calls that meet a
     * pause also wait a random part of a further {@link #SPREAD_MILLIS}, so they do not all hit the
     * tenant again in the same instant the pause ends.
     */
    public long remainingMillis() {
        long remaining = pausedUntil.get() - clock.getAsLong();
        return remaining <= 0 ? 0 : remaining + ThreadLocalRandom.current().nextLong(SPREAD_MILLIS + 1);
    }
}
