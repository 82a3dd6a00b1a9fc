package io.cxonehandoff.pacing;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces every call to the tenant on an absolute schedule: one slot each 1/(R × headroom) seconds, and up
 * to {@code burstMillis}' worth of slots at once after an idle spell (the tenant's own bucket holds about
 * a tenth of a second's worth; half of it leaves room for a batch delayed on its way). The
 * {@code cxone-request} route delays each call by {@link #millisUntilSlot()}.
 *
 * <p>Why not the Throttle EIP: its permits come back one period after they were taken, so every late
 * wake-up of a waiting thread pushes all later permits back, and on a busy machine the rate drifts a few
 * per cent under the configured one. Slots here are fixed in advance; a late thread does not move the
 * next slot (generic cell rate algorithm, i.e. a token bucket kept as one theoretical arrival time).
 *
 * <p>With an hourly budget ({@link HourlyCallBudget}) each rate slot is then placed within the budget, which may move
 * it later; the schedule goes on from where the call really goes, so the two never add up to more than the rate.
 */
public class TenantCallPacer {

    private final LongSupplier nanoClock;
    private double rps = 50;
    private double headroom = 0.97;
    private long burstMillis = 50;
    private HourlyCallBudget hourlyBudget;

    private long intervalNanos;
    private long toleranceNanos;
    /** When the next call would be due if calls went out exactly at the paced rate. */
    private long theoreticalArrival = Long.MIN_VALUE;

    public TenantCallPacer() {
        this(System::nanoTime);
    }

    TenantCallPacer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        configure();
    }

    /**
     * Takes the next free slot and answers how many milliseconds the caller must wait for it (0: go now).
     * Rounded up, so a call never goes before its slot.
     */
    public synchronized long millisUntilSlot() {
        long now = nanoClock.getAsLong();
        long due = theoreticalArrival == Long.MIN_VALUE ? now : Math.max(theoreticalArrival, now);
        long slot = Math.max(now, due - toleranceNanos);
        if (hourlyBudget != null) {
            slot = hourlyBudget.place(slot);
        }
        theoreticalArrival = Math.max(due, slot) + intervalNanos;
        long wait = slot - now;
        return wait <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(wait + 999_999);
    }

    public synchronized void setRps(double rps) {
        this.rps = rps;
        configure();
    }

    public synchronized void setHeadroom(double headroom) {
        this.headroom = headroom;
        configure();
    }

    public synchronized void setBurstMillis(long burstMillis) {
        this.burstMillis = burstMillis;
        configure();
    }

    /** The hourly budget every slot is placed within (cxone.hourly-budget); none: the rate alone. */
    public synchronized void setHourlyBudget(HourlyCallBudget hourlyBudget) {
        this.hourlyBudget = hourlyBudget;
    }

    private void configure() {
        if (rps <= 0 || headroom <= 0 || headroom > 1 || burstMillis < 0) {
            throw new IllegalArgumentException(
                    "need rps > 0, 0 < headroom <= 1 and burst-ms >= 0, got " + rps + ", " + headroom + ", " + burstMillis);
        }
        intervalNanos = Math.max(1, (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / (rps * headroom)));
        // slots that may be taken ahead of the schedule: burstMillis' worth of the tenant's rate, less the
        // one the caller takes now
        long ahead = Math.max(0, (long) Math.floor(rps * burstMillis / 1000.0) - 1);
        toleranceNanos = ahead * intervalNanos;
    }
}
