package io.cxonehandoff.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The tenant told us to slow down (429 + Retry-After): every call to that tenant waits until the pause is
 * over, instead of collecting its own 429. The {@code cxone-request} route delays by
 * {@link #remainingMillis()} before the throttle.
 */
public class TenantBackpressure {

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

    /** How long a call must still wait before it may go to CXone (0 when not paused). */
    public long remainingMillis() {
        return Math.max(0, pausedUntil.get() - clock.getAsLong());
    }
}
