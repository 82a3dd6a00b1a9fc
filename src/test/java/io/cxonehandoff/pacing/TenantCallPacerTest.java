package io.cxonehandoff.pacing;

import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantCallPacerTest {

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));

    private TenantCallPacer pacer(double rps, double headroom, long burstMillis) {
        TenantCallPacer pacer = new TenantCallPacer(nanos::get);
        pacer.setRps(rps);
        pacer.setHeadroom(headroom);
        pacer.setBurstMillis(burstMillis);
        return pacer;
    }

    @Test
    void afterAnIdleSpellHalfTheTenantsBurstGoesAtOnceThenCallsAreSpacedAtThePacedRate() {
        TenantCallPacer pacer = pacer(400, 1.0, 50);
        for (int i = 0; i < 20; i++) {
            assertThat(pacer.millisUntilSlot()).as("call %d of the burst", i).isZero();
        }
        assertThat(pacer.millisUntilSlot()).isEqualTo(3); // 2.5 ms, never before the slot
        assertThat(pacer.millisUntilSlot()).isEqualTo(5);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1)); // idle: the burst is available again
        for (int i = 0; i < 20; i++) {
            assertThat(pacer.millisUntilSlot()).isZero();
        }
        assertThat(pacer.millisUntilSlot()).isPositive();
    }

    @ParameterizedTest(name = "{0} calls/s")
    @ValueSource(doubles = {5, 50, 400, 2000})
    void busyCallersThatWakeUpLateGetThePacedRateAndNeverOverrunTheTenantsBucket(double rps) {
        double headroom = 0.98;
        TenantCallPacer pacer = pacer(rps, headroom, 50);
        // the tenant: a bucket of a tenth of a second's worth, refilled at rps
        double capacity = Math.max(1, rps / 10);
        double tokens = capacity;
        long lastRefill = nanos.get();
        long lowest = Long.MAX_VALUE;

        // 128 callers, each sends at its slot plus 0-3 ms of scheduling delay, waits 100 ms for the answer
        // and asks again 0-2 ms later: the pacer is never short of callers
        Random random = new Random(42);
        long start = nanos.get();
        long end = start + TimeUnit.SECONDS.toNanos(20);
        PriorityQueue<long[]> asks = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        PriorityQueue<Long> sends = new PriorityQueue<>();
        for (int caller = 0; caller < 128; caller++) {
            asks.add(new long[] {start});
        }
        int sent = 0;
        while (!asks.isEmpty() && asks.peek()[0] < end) {
            long askedAt = asks.poll()[0];
            nanos.set(askedAt);
            long wait = TimeUnit.MILLISECONDS.toNanos(pacer.millisUntilSlot());
            long sendAt = askedAt + wait + random.nextInt(3_000_000);
            sends.add(sendAt);
            asks.add(new long[] {sendAt + TimeUnit.MILLISECONDS.toNanos(100) + random.nextInt(2_000_000)});
        }
        while (!sends.isEmpty()) {
            long at = sends.poll();
            tokens = Math.min(capacity, tokens + (at - lastRefill) * rps / 1e9);
            lastRefill = at;
            tokens -= 1;
            lowest = Math.min(lowest, (long) Math.floor(tokens));
            if (at < end) {
                sent++;
            }
        }
        double rate = sent / 20.0;
        assertThat(lowest).as("the tenant's bucket never runs dry").isGreaterThanOrEqualTo(0);
        assertThat(rate).as("calls/s over 20 s").isLessThanOrEqualTo(rps * headroom + capacity / 20.0)
                .isGreaterThanOrEqualTo(Math.min(rps * headroom, 128 / 0.105) * 0.995);
    }

    @Test
    void aLateCallerDoesNotPushTheScheduleBack() {
        TenantCallPacer pacer = pacer(100, 1.0, 0);
        long first = nanos.get();
        for (int i = 0; i < 1000; i++) {
            long wait = pacer.millisUntilSlot();
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(wait) + 900_000); // each caller 0.9 ms late
        }
        // 1000 slots of 10 ms: the last one was due at 9.99 s, whatever the callers' lateness
        assertThat(TimeUnit.NANOSECONDS.toMillis(nanos.get() - first)).isBetween(9_990L, 10_000L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> pacer(0, 0.97, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pacer(50, 1.5, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pacer(50, 0.97, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
