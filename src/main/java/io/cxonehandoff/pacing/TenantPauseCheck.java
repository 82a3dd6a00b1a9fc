package io.cxonehandoff.pacing;

import java.time.Instant;
import java.util.Map;

import io.cxonehandoff.support.ReadinessCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The tenant-wide pause in {@code /observe/health}: whether CXone asked every call to wait, until when and
 * how much is left.
 *
 * <p>It stays UP while paused, with the pause in its details. The pause is the tenant's instruction, which
 * we follow, not a failure of ours; it is bounded by {@code cxone.retry.retry-after-max-seconds}, and a
 * rate-limited tenant answers with short pauses often: a readiness that went DOWN on each would flap and
 * alert on normal operation, and restarting or rerouting cannot end the tenant's pause any sooner. An
 * operator who wants to alert on long pauses has the {@code cxone.tenant.pause.remaining} gauge.
 */
final class TenantPauseCheck extends ReadinessCheck {

    private final TenantBackpressure backpressure;

    TenantPauseCheck(TenantBackpressure backpressure) {
        super("cxone-tenant-pause");
        this.backpressure = backpressure;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant until = backpressure.pausedUntil();
        builder.detail("tenant.paused", until != null);
        if (until != null) {
            long remainingSeconds = (backpressure.pauseRemainingMillis() + 999) / 1000;
            builder.detail("tenant.paused.until", until.toString());
            builder.detail("tenant.pause.remaining.seconds", remainingSeconds);
            builder.message("CXone asked every call to wait (429 + Retry-After): " + remainingSeconds + " s left");
        }
        builder.up();
    }
}
