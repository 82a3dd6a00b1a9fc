package io.cxonehandoff.pacing;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.cxonehandoff.support.ContextService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This integration's share of the tenant's hourly call budget ({@code cxone.hourly-budget}, B calls): no rolling hour
 * (any 3,600 s, not clock hours) holds more than B calls. {@link TenantCallPacer} places every call here after its
 * rate slot, so it is the same pace and the same route step ({@code tenant-rate-limit}) for every CXone call.
 *
 * <p>Why not simply "stop at B": a burst at the rate limit would spend the hour's budget in minutes and then
 * nothing could go until those calls leave the window, up to an hour of no handoffs. Why not a token bucket refilled
 * at B/3600 alone: after a burst it would go on at B/3600, meet the cap before the burst leaves the window and starve
 * just the same. So the pace looks ahead, once per second of the schedule, at the calls still in the window and when
 * they will leave it:
 * <ul>
 * <li><b>spread rate</b>: the highest steady rate that never meets the cap in the coming hour, the minimum over the
 * next seconds j of (B − calls in the window + calls that will have left by then) / j. After a burst it is what is left
 * spread over the time until the burst leaves; under sustained demand it settles at B/3600; it never falls on its own
 * path, so the schedule slows down early and never stops.</li>
 * <li><b>burst</b>: a call may go at once, ahead of the spread schedule, while no call is waiting for the budget and a
 * steady {@code (1 − burst-share) × B/3600} would still fit into every coming second afterwards. That lets work
 * after an idle spell use the rate limit for a while (up to {@code burst-share × B} after an idle hour, on top of the
 * floor's own pace while it lasts; less after a shorter idle spell) and leaves the rest of the hour at least that floor. Demand the spread schedule holds back gets no
 * burst: otherwise, under sustained demand, the budget each burst leaves behind would come back as another burst an
 * hour later and the pace would swing instead of settling.</li>
 * <li><b>cap</b>: whatever the two say, a call never goes into a second whose window already holds B calls; it goes
 * into the first later second that has room. That is the guarantee; the two rules above only keep it from binding.</li>
 * </ul>
 * Calls are placed in order (never before an already placed one), so one window per second decides.
 * Memory: one counter per second of the hour ({@link SecondCounts}), whatever the rate. The budget is per process and
 * in memory: after a restart the previous process' calls are not counted.
 *
 * <p>When calls start to wait for the budget (not for the rate) one WARN says so; one INFO once none waited for
 * {@link #QUIET_NANOS}. What is left is the gauge {@code cxone.api.hourly.budget.remaining} (calls already placed
 * included) and {@code cxone.api.hourly.budget.binding} (1 while it binds), both in {@code HandoffStatistics} too.
 */
public class HourlyCallBudget extends ContextService {

    static final String REMAINING_GAUGE = "cxone.api.hourly.budget.remaining";
    static final String BINDING_GAUGE = "cxone.api.hourly.budget.binding";
    /** No call waited for the budget this long: it no longer binds. Long enough not to flap around the spread rate. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final Logger LOG = LoggerFactory.getLogger(HourlyCallBudget.class);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** A call moved by less than this did not wait for the budget (placement in whole seconds, clock reads). */
    private static final long HELD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private final SecondCounts counts = new SecondCounts();
    private long budget;
    private double burstShare = 0.1;
    /** The steady rate a burst must leave for the rest of the hour (calls/s). */
    private double floorRate;

    /** When the last call was placed: the next never goes before it. */
    private long lastPlaced = Long.MIN_VALUE;
    /** When the spread schedule lets the next call go. */
    private long spreadNext = Long.MIN_VALUE;
    /** The last call waited for the budget (no burst then). */
    private boolean holding;
    private boolean binding;
    private long lastHeldAt = Long.MIN_VALUE;

    /** The second the plan below was made for. */
    private long plannedSecond = Long.MIN_VALUE;
    /** The spread rate of that second (calls/s). */
    private double spreadRate;
    /** Over the coming seconds j, the most of (floor rate × j − calls that will have left by then). */
    private double floorPeak;

    private MeterRegistry meters;
    private Gauge remainingGauge;
    private Gauge bindingGauge;

    public HourlyCallBudget() {
        this(System::nanoTime);
    }

    HourlyCallBudget(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        configure();
    }

    /**
     * Places a call that the rate would let go at {@code slot} (nanos on the pacer's clock, never earlier than the
     * previous slot asked for): answers when it may go within the budget, never before {@code slot}.
     */
    synchronized long place(long slot) {
        if (budget <= 0) {
            return slot;
        }
        long at = Math.max(slot, lastPlaced);
        counts.advanceTo(secondOf(at));
        at = Math.max(at, counts.head() * SECOND);
        plan();
        boolean onSchedule = at >= spreadNext;
        boolean fits = counts.total() < budget
                       && (onSchedule || !holding && counts.total() + 1 + floorPeak <= budget);
        if (!fits) {
            at = Math.max(at, spreadNext);
            counts.advanceTo(secondOf(at));
            while (counts.total() >= budget) {
                counts.advanceTo(counts.head() + 1);
                at = Math.max(at, counts.head() * SECOND);
            }
            plannedSecond = Long.MIN_VALUE; // the bursts of this second are in the window now
            plan();
        }
        counts.addToHead();
        if (at >= spreadNext) {
            spreadNext = at + spreadInterval();
        }
        lastPlaced = at;
        holding = at - slot > HELD_NANOS;
        if (holding) {
            lastHeldAt = at;
            if (!binding) {
                binding = true;
                LOG.warn("CXone hourly budget binds: calls now wait to stay within {} calls in any rolling hour "
                         + "(cxone.hourly-budget), {} left in it, spread at about {} calls/s",
                        budget, Math.max(0, budget - counts.total()), String.format(Locale.ROOT, "%.2f", spreadRate));
            }
        } else {
            settle(at);
        }
        return at;
    }

    /** What is left of the budget in the rolling hour, the calls already placed included (-1: no budget). */
    public synchronized long remaining() {
        if (budget <= 0) {
            return -1;
        }
        long now = nanoClock.getAsLong();
        counts.advanceTo(secondOf(now));
        settle(now);
        return Math.max(0, budget - counts.total());
    }

    /** Whether calls wait for the budget now, or did within the last {@link #QUIET_NANOS}. */
    public synchronized boolean binding() {
        settle(nanoClock.getAsLong());
        return binding;
    }

    /** The budget no longer binds once no call waited for it for a while: one INFO. */
    private void settle(long now) {
        if (binding && now - lastHeldAt >= QUIET_NANOS) {
            binding = false;
            LOG.info("CXone hourly budget no longer binds: no call waited for it in the last {} s ({} calls left in "
                     + "the rolling hour)", TimeUnit.NANOSECONDS.toSeconds(QUIET_NANOS), Math.max(0, budget - counts.total()));
        }
    }

    /** The spread rate and the burst floor of the newest second, once per second (and after calls waited). */
    private void plan() {
        long second = counts.head();
        if (second == plannedSecond) {
            return;
        }
        plannedSecond = second;
        long inWindow = counts.total();
        double lowest = Double.MAX_VALUE;
        double peak = Double.NEGATIVE_INFINITY;
        long left = 0;
        // j + 1 seconds from this one on: by then the j oldest seconds of this window have left the window
        for (int j = 0; j < SecondCounts.SECONDS; j++) {
            if (j > 0) {
                left += counts.at(second - SecondCounts.SECONDS + j);
            }
            lowest = Math.min(lowest, (budget - inWindow + left) / (j + 1.0));
            peak = Math.max(peak, floorRate * (j + 1) - left);
        }
        spreadRate = lowest;
        floorPeak = peak;
    }

    private long spreadInterval() {
        if (spreadRate <= 0) {
            return SECOND; // the window is full: the cap finds the next second with room
        }
        return (long) Math.min(Math.ceil(SECOND / spreadRate), (double) SecondCounts.SECONDS * SECOND);
    }

    private static long secondOf(long nanos) {
        return Math.floorDiv(nanos, SECOND);
    }

    /** Calls in any rolling hour (cxone.hourly-budget); 0 = no budget. */
    public synchronized void setBudget(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("cxone.hourly-budget must not be negative, got " + budget);
        }
        this.budget = budget;
        configure();
    }

    /** Share of the budget that may go at the rate limit after an idle hour (cxone.hourly-budget.burst-share). */
    public synchronized void setBurstShare(double burstShare) {
        if (!(burstShare >= 0 && burstShare < 1)) {
            throw new IllegalArgumentException("cxone.hourly-budget.burst-share must be 0 <= share < 1, got " + burstShare);
        }
        this.burstShare = burstShare;
        configure();
    }

    private void configure() {
        floorRate = budget * (1 - burstShare) / SecondCounts.SECONDS;
        plannedSecond = Long.MIN_VALUE;
    }

    @Override
    protected void doStart() {
        if (budget <= 0) {
            return;
        }
        LOG.info("CXone hourly budget: at most {} calls in any rolling hour (cxone.hourly-budget); after an idle hour "
                 + "up to {} of them at the rate limit, the rest spread", budget, Math.round(budget * burstShare));
        meters = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            remainingGauge = Gauge.builder(REMAINING_GAUGE, this, HourlyCallBudget::remaining)
                    .description("What is left of this integration's hourly CXone call budget in the rolling hour "
                                 + "(calls already scheduled included)")
                    .strongReference(true)
                    .register(meters);
            bindingGauge = Gauge.builder(BINDING_GAUGE, this, b -> b.binding() ? 1 : 0)
                    .description("1 while CXone calls wait for the hourly budget (not for the rate limit)")
                    .strongReference(true)
                    .register(meters);
        }
    }

    @Override
    protected void doStop() {
        if (meters != null) {
            if (remainingGauge != null) {
                meters.remove(remainingGauge);
            }
            if (bindingGauge != null) {
                meters.remove(bindingGauge);
            }
        }
        remainingGauge = null;
        bindingGauge = null;
    }
}
