package io.cxonehandoff.pacing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cxonehandoff.support.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hourly budget on a compressed clock: hours of demand in well under a second each. Every sent call is the slot the
 * pacer gave plus 0-5 ms of lateness (a thread wakes up late), and every rolling hour of those sends is checked, not
 * clock hours: for each send, the calls in the 3,600 s that start with it.
 */
class HourlyCallBudgetTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** The rate limit of every simulation (calls/s). */
    private static final double RPS = 50;
    private static final double SHARE = 0.1;

    /** Not on a whole second, as a real clock would not be. */
    private final AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(2) + 123_456_789L);
    private final long start = nanos.get();

    /** Who wants calls: a caller asks at a time, goes at its slot, and answers when it asks next (MAX_VALUE: done). */
    private interface Caller {
        long nextAsk(long sentAt);
    }

    /** A caller that asks again as soon as its call is answered (latency), until {@code until}. */
    private static Caller busy(long latency, long until) {
        return sent -> sent + latency < until ? sent + latency : Long.MAX_VALUE;
    }

    /** A caller that asks once. */
    private static final Caller ONCE = sent -> Long.MAX_VALUE;

    private record Demand(long firstAsk, Caller caller) {
    }

    private final class Simulation {
        final TenantCallPacer pacer;
        final HourlyCallBudget budget;
        final long limit;
        final List<Demand> demands = new ArrayList<>();
        final Random random = new Random(7);
        long firstHeld = Long.MAX_VALUE;

        Simulation(long limit) {
            this.limit = limit;
            budget = new HourlyCallBudget(nanos::get);
            budget.setBudget(limit);
            budget.setBurstShare(SHARE);
            pacer = new TenantCallPacer(nanos::get);
            pacer.setRps(RPS);
            pacer.setHeadroom(0.98);
            pacer.setBurstMillis(50);
            pacer.setHourlyBudget(budget);
        }

        /** {@code callers} callers from {@code at}, each asking again after {@code latency} until {@code until}. */
        Simulation busyCallers(int callers, long at, long latency, long until) {
            for (int i = 0; i < callers; i++) {
                demands.add(new Demand(at, busy(latency, until)));
            }
            return this;
        }

        /** Closed-loop callers whose asks, unpaced, come at {@code rate} calls/s (each thinks between its calls). */
        Simulation demandAt(double rate, long at, long until) {
            int callers = 4;
            long cycle = (long) (callers * SECOND / rate);
            return busyCallers(callers, at, cycle, until);
        }

        Simulation burst(int calls, long at) {
            for (int i = 0; i < calls; i++) {
                demands.add(new Demand(at, ONCE));
            }
            return this;
        }

        /** Runs every demand to its end: the send times, sorted. */
        long[] run() {
            PriorityQueue<long[]> asks = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 0; i < demands.size(); i++) {
                asks.add(new long[] {demands.get(i).firstAsk(), i});
            }
            List<Long> sends = new ArrayList<>();
            while (!asks.isEmpty()) {
                long[] ask = asks.poll();
                nanos.set(ask[0]);
                boolean bindingBefore = budget.binding();
                long wait = TimeUnit.MILLISECONDS.toNanos(pacer.millisUntilSlot());
                if (!bindingBefore && budget.binding()) {
                    firstHeld = Math.min(firstHeld, ask[0]);
                }
                long sentAt = ask[0] + wait + random.nextInt(5_000_000);
                sends.add(sentAt);
                long next = demands.get((int) ask[1]).caller().nextAsk(sentAt);
                if (next != Long.MAX_VALUE) {
                    asks.add(new long[] {next, ask[1]});
                }
            }
            return sends.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        /** The steady rate a burst must leave for the rest of the hour (calls/s). */
        double floorRate() {
            return limit * (1 - SHARE) / 3600.0;
        }
    }

    /** The most calls sent in any rolling hour: every window [send, send + 3,600 s). */
    private static int busiestHour(long[] sends) {
        int most = 0;
        int end = 0;
        for (int i = 0; i < sends.length; i++) {
            while (end < sends.length && sends[end] < sends[i] + HOUR) {
                end++;
            }
            most = Math.max(most, end - i);
        }
        return most;
    }

    private static int between(long[] sends, long from, long to) {
        return (int) Arrays.stream(sends).filter(s -> s >= from && s < to).count();
    }

    /** The fewest calls sent in any whole minute of [from, to). */
    private static int quietestMinute(long[] sends, long from, long to) {
        int fewest = Integer.MAX_VALUE;
        for (long m = from; m + MINUTE <= to; m += MINUTE) {
            fewest = Math.min(fewest, between(sends, m, m + MINUTE));
        }
        return fewest;
    }

    @ParameterizedTest(name = "budget {0}/h")
    @CsvSource({"1000", "36000"})
    void steadyDemandOverTheBudgetBurstsOnceThenSettlesAtTheBudgetsPaceAndNeverExceedsIt(long limit) {
        Simulation sim = new Simulation(limit);
        // 16 callers, 100 ms each: 160 calls/s wanted for three hours
        long[] sends = sim.busyCallers(16, start, 100_000_000L, start + 3 * HOUR).run();

        assertThat(busiestHour(sends)).as("calls in the busiest rolling hour").isLessThanOrEqualTo((int) limit);
        // the burst: the first tenth of the budget at the rate limit
        int burst = (int) (limit * SHARE * 0.9);
        assertThat(sends[burst - 1] - start).as("the burst goes at the rate limit")
                .isLessThan((long) (SECOND * (burst / (RPS * 0.98)) * 1.1) + 100_000_000L);
        // then the rest of the first hour spread, never starving: every minute gets its share of the floor
        assertThat(quietestMinute(sends, sim.firstHeld, start + 3 * HOUR - MINUTE))
                .as("calls in the quietest minute after the budget started to bind")
                .isGreaterThanOrEqualTo((int) (sim.floorRate() * 60 * 0.8));
        // and from the second hour on the budget's own pace, within 3 %, no swing of hourly bursts
        int third = between(sends, start + 2 * HOUR, start + 3 * HOUR);
        assertThat(third).as("calls in the third hour").isBetween((int) (limit * 0.97), (int) limit);
        int firstMinuteOfThird = between(sends, start + 2 * HOUR, start + 2 * HOUR + MINUTE);
        assertThat(firstMinuteOfThird).as("no second burst when the first leaves the window")
                .isLessThanOrEqualTo((int) Math.ceil(limit / 60.0 * 1.1) + 1);
    }

    @ParameterizedTest(name = "budget {0}/h")
    @CsvSource({"1000", "36000"})
    void aBurstBeyondTheWholeBudgetThenSteadyDemandIsSpreadOverTheHourInsteadOfStarvingIt(long limit) {
        Simulation sim = new Simulation(limit);
        // more calls at once than the whole hour's budget, then 1.5 times the budget's pace for three hours
        sim.burst((int) (limit * 1.2), start);
        long[] sends = sim.demandAt(limit * 1.5 / 3600, start, start + 3 * HOUR).run();

        assertThat(busiestHour(sends)).as("calls in the busiest rolling hour").isLessThanOrEqualTo((int) limit);
        // the burst spent at most its share at the rate limit; the rest of the first hour still has calls every minute
        assertThat(between(sends, start, start + MINUTE)).isLessThanOrEqualTo((int) (limit * SHARE + limit / 60.0 + 2));
        assertThat(quietestMinute(sends, start + MINUTE, start + HOUR))
                .as("calls in the quietest minute of the first hour, after the burst")
                .isGreaterThanOrEqualTo((int) (sim.floorRate() * 60 * 0.8));
        // the calls the burst left behind go later in the hour, not in another burst
        assertThat(between(sends, start + 50 * MINUTE, start + 60 * MINUTE)).isPositive();
        assertThat(between(sends, start + 2 * HOUR, start + 3 * HOUR)).isBetween((int) (limit * 0.97), (int) limit);
    }

    @ParameterizedTest(name = "budget {0}/h")
    @CsvSource({"1000", "36000"})
    void afterAnIdleSpellABurstUsesTheRateLimitForAWhileAndLeavesTheRestOfTheHourItsFloor(long limit) {
        Simulation sim = new Simulation(limit);
        // a light load for 20 minutes, idle for 40, then 30 callers (far more than the budget) for two hours
        sim.demandAt(limit * 0.3 / 3600, start, start + 20 * MINUTE);
        long rush = start + 60 * MINUTE;
        long[] sends = sim.busyCallers(30, rush, 100_000_000L, rush + 2 * HOUR).run();

        assertThat(busiestHour(sends)).as("calls in the busiest rolling hour").isLessThanOrEqualTo((int) limit);
        long[] afterRush = Arrays.stream(sends).filter(s -> s >= rush).toArray();
        int burst = (int) (limit * SHARE * 0.9);
        assertThat(afterRush[burst - 1] - rush).as("the burst after the idle spell goes at the rate limit")
                .isLessThan((long) (SECOND * (burst / (RPS * 0.98)) * 1.1) + 100_000_000L);
        assertThat(quietestMinute(sends, sim.firstHeld, rush + 2 * HOUR - MINUTE))
                .as("calls in the quietest minute once the budget binds")
                .isGreaterThanOrEqualTo((int) (sim.floorRate() * 60 * 0.8));
    }

    @Test
    void twoBurstsAroundAClockHourAreTakenAsOneRollingHour() {
        long limit = 600;
        Simulation sim = new Simulation(limit);
        // calls at 0:59 and again at 1:01 of the clock: a budget per clock hour would let both through in full
        long clockHour = (start / HOUR + 1) * HOUR;
        sim.busyCallers(20, clockHour - MINUTE, 100_000_000L, clockHour);
        long[] sends = sim.busyCallers(20, clockHour + MINUTE, 100_000_000L, clockHour + 30 * MINUTE).run();

        assertThat(busiestHour(sends)).isLessThanOrEqualTo((int) limit);
        assertThat(between(sends, clockHour - MINUTE, clockHour + 2 * MINUTE)).isLessThan((int) limit);
    }

    @Test
    void warnsOnceWhenTheBudgetStartsToBindAndSaysOnceWhenItNoLongerDoes() {
        Simulation sim = new Simulation(3600);
        try (CapturedLog log = new CapturedLog()) {
            sim.busyCallers(8, start, 100_000_000L, start + 10 * MINUTE).run();
            assertThat(sim.budget.binding()).isTrue();
            assertThat(log.containing("CXone hourly budget binds")).hasSize(1);
            assertThat(log.containing("CXone hourly budget binds").get(0)).contains("WARN").contains("3600 calls");

            nanos.addAndGet(5 * MINUTE); // nobody calls
            assertThat(sim.budget.binding()).isFalse();
            assertThat(log.containing("CXone hourly budget no longer binds")).hasSize(1);
            assertThat(log.containing("no longer binds").get(0)).contains("INFO");

            long again = nanos.get();
            sim.demands.clear();
            sim.busyCallers(8, again, 100_000_000L, again + 10 * MINUTE).run();
            assertThat(log.containing("CXone hourly budget binds")).as("one WARN per spell, not per call").hasSize(2);
            assertThat(log.containing("no longer binds")).hasSize(1);
        }
    }

    @Test
    void aLoadUnderTheBudgetNeverWaitsForIt() {
        Simulation sim = new Simulation(36000);
        try (CapturedLog log = new CapturedLog()) {
            // 5 calls/s, half the budget's pace, for two hours; bunched, as callers are
            long[] sends = sim.demandAt(5, start, start + 2 * HOUR).run();
            assertThat(sends.length).isGreaterThan(2 * 3600 * 5 * 99 / 100);
            assertThat(sim.firstHeld).isEqualTo(Long.MAX_VALUE);
            assertThat(log.containing("CXone hourly budget")).isEmpty();
        }
    }

    @Test
    void remainingCountsTheCallsOfTheRollingHourIncludingThoseScheduled() {
        HourlyCallBudget budget = new HourlyCallBudget(nanos::get);
        budget.setBudget(100);
        budget.setBurstShare(0.5);
        assertThat(budget.remaining()).isEqualTo(100);
        for (int i = 0; i < 80; i++) {
            budget.place(nanos.get());
        }
        // 50 at once (the burst share), the other 30 spread over the hour, each counted from its placing
        assertThat(budget.remaining()).isEqualTo(20);
        assertThat(budget.binding()).isTrue();
        nanos.addAndGet(2 * HOUR);
        assertThat(budget.remaining()).isEqualTo(100);
        assertThat(budget.binding()).isFalse();
    }

    @Test
    void withoutABudgetThePaceIsTheRateAlone() {
        TenantCallPacer alone = new TenantCallPacer(nanos::get);
        TenantCallPacer withNone = new TenantCallPacer(nanos::get);
        HourlyCallBudget none = new HourlyCallBudget(nanos::get);
        none.setBudget(0);
        withNone.setHourlyBudget(none);
        for (int i = 0; i < 500; i++) {
            assertThat(withNone.millisUntilSlot()).isEqualTo(alone.millisUntilSlot());
            nanos.addAndGet(3_000_000L);
        }
        assertThat(none.remaining()).isEqualTo(-1);
        assertThat(none.binding()).isFalse();
    }

    @Test
    void rejectsNonsense() {
        HourlyCallBudget budget = new HourlyCallBudget(nanos::get);
        assertThatThrownBy(() -> budget.setBudget(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.setBurstShare(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.setBurstShare(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.setBurstShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
