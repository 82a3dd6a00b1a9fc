package io.cxonehandoff.pacing;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.cxonehandoff.support.ContextService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The tenant told us to slow down (429 + Retry-After): every call to that tenant waits until the pause is
 * over, instead of collecting its own 429. The {@code cxone-request} route delays by
 * {@link #remainingMillis()} before the tenant-wide pace. How long a pause may be is capped by
 * {@link RateLimitedRedelivery}, which sets it.
 *
 * <p>The pause is visible while it lasts: in {@code /observe/health} ({@link TenantPauseCheck}) and as the
 * gauge {@code cxone.tenant.pause.remaining} (seconds) in {@code /observe/metrics}.
 */
public class TenantBackpressure extends ContextService {

    /** Over how long the calls held by a pause are spread out when it ends. */
    static final long SPREAD_MILLIS = 1_000;

    static final String GAUGE = "cxone.tenant.pause.remaining";

    private final AtomicLong pausedUntil = new AtomicLong();
    private final LongSupplier clock;
    private HealthCheckRegistry healthChecks;
    private TenantPauseCheck healthCheck;
    private MeterRegistry meters;
    private Gauge gauge;

    public TenantBackpressure() {
        this(System::currentTimeMillis);
    }

    TenantBackpressure(LongSupplier clock) {
        this.clock = clock;
    }

    /** Extends the pause to at least {@code millis} from now (never shortens it). */
    public void pauseFor(long millis) {
        long now = clock.getAsLong();
        long until = millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + Math.max(0, millis);
        pausedUntil.accumulateAndGet(until, Math::max);
    }

    /**
     * How long a call must still wait before it may go to CXone (0 when not paused). Calls that meet a
     * pause also wait a random part of a further {@link #SPREAD_MILLIS}, so they do not all hit the
     * tenant again in the same instant the pause ends.
     */
    public long remainingMillis() {
        long remaining = pauseRemainingMillis();
        return remaining == 0 ? 0 : remaining + ThreadLocalRandom.current().nextLong(SPREAD_MILLIS + 1);
    }

    /** What is left of the pause itself (0 when not paused), without the spread. */
    public long pauseRemainingMillis() {
        return Math.max(0, pausedUntil.get() - clock.getAsLong());
    }

    /** When the current pause ends, or null when calls are not paused. */
    public Instant pausedUntil() {
        long until = pausedUntil.get();
        return until > clock.getAsLong() ? Instant.ofEpochMilli(until) : null;
    }

    private double pauseRemainingSeconds() {
        return pauseRemainingMillis() / 1000.0;
    }

    @Override
    protected void doStart() {
        healthChecks = HealthCheckRegistry.get(getCamelContext());
        if (healthChecks != null) {
            healthCheck = new TenantPauseCheck(this);
            healthCheck.setCamelContext(getCamelContext());
            healthChecks.register(healthCheck);
        }
        meters = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            gauge = Gauge.builder(GAUGE, this, TenantBackpressure::pauseRemainingSeconds)
                    .description("What is left of the pause CXone imposed on every call (429 + Retry-After)")
                    .baseUnit("seconds")
                    .strongReference(true)
                    .register(meters);
        }
    }

    @Override
    protected void doStop() {
        if (healthChecks != null && healthCheck != null) {
            healthChecks.unregister(healthCheck);
            healthCheck = null;
        }
        if (meters != null && gauge != null) {
            meters.remove(gauge);
            gauge = null;
        }
    }
}
