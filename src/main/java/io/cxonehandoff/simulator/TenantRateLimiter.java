package io.cxonehandoff.simulator;

/**
 * A tenant's rate limit as a token bucket: refills {@code rps} per second and holds at most a tenth of a
 * second's worth (at least 1), so only small bursts pass, as on real tenants. 0 = unlimited.
 */
final class TenantRateLimiter {

    private double rps;
    private double capacity;
    private double tokens;
    private long refilledAt = System.nanoTime();

    TenantRateLimiter(double rps) {
        setRate(rps);
    }

    synchronized void setRate(double rps) {
        this.rps = rps;
        this.capacity = Math.max(1.0, rps / 10.0);
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
    }

    /** Takes one request's permit, or answers false (→ 429). */
    synchronized boolean tryAcquire() {
        if (rps <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * rps);
        refilledAt = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Whole seconds a client is told to wait (Retry-After), at least 1. */
    synchronized long retryAfterSeconds() {
        return rps <= 0 ? 1 : Math.max(1, (long) Math.ceil(1.0 / rps));
    }
}
