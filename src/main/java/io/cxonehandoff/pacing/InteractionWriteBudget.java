package io.cxonehandoff.pacing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.camel.ExchangeProperty;

/**
 * A write budget per interaction: at most {@code burst} writes at once, then {@code perMinute} a minute (CXone's
 * digital API allows one case 250 updates at once, then 17 a minute). The {@code cxone-request} route delays a
 * write by {@link #millisUntilWrite} (the cxone-operation template's {@code interactionWrite} parameter).
 * Kept as one theoretical arrival time per interaction (GCRA, as {@link TenantCallPacer}); an interaction whose
 * budget is full again is forgotten, so memory follows the interactions being written to, not all ever seen.
 * {@code perMinute} 0 = no budget.
 */
public class InteractionWriteBudget {

    private final Map<String, Long> theoreticalArrival = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private double perMinute;
    private int burst = 1;
    private long intervalNanos;

    public InteractionWriteBudget() {
        this(System::nanoTime);
    }

    InteractionWriteBudget(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes the interaction's next write slot; answers how long to wait for it (ms, 0 = now). */
    public long millisUntilWrite(@ExchangeProperty("interactionId") String interactionId) {
        if (perMinute <= 0 || interactionId == null) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        long tolerance = (burst - 1) * intervalNanos;
        long[] wait = new long[1];
        theoreticalArrival.compute(interactionId, (id, tat) -> {
            long due = tat == null ? now : Math.max(tat, now);
            wait[0] = due - tolerance - now;
            return due + intervalNanos;
        });
        forgetFullBudgets(now, tolerance);
        return wait[0] <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(wait[0] + 999_999);
    }

    /** Interactions written to right now (held in memory). */
    int tracked() {
        return theoreticalArrival.size();
    }

    private void forgetFullBudgets(long now, long tolerance) {
        if (theoreticalArrival.size() > 10_000) {
            // a key whose next slot lies a whole burst in the past has its full budget: as good as never seen
            theoreticalArrival.values().removeIf(tat -> tat + tolerance < now);
        }
    }

    /** Writes a minute per interaction (cxone.write-budget.per-minute); 0 = no budget. */
    public void setPerMinute(double perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("cxone.write-budget.per-minute must not be negative, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.intervalNanos = perMinute == 0 ? 0 : (long) Math.ceil(TimeUnit.MINUTES.toNanos(1) / perMinute);
    }

    /** Writes at once before the per-minute rate applies (cxone.write-budget.burst). */
    public void setBurst(int burst) {
        if (burst < 1) {
            throw new IllegalArgumentException("cxone.write-budget.burst must be at least 1, got " + burst);
        }
        this.burst = burst;
    }
}
