package io.cxonehandoff.pacing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CXone's per-case limit (250 at once, then 17 a minute) is never exceeded for one interaction. */
class InteractionWriteBudgetTest {

    private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));

    private InteractionWriteBudget budget(double perMinute, int burst) {
        InteractionWriteBudget budget = new InteractionWriteBudget(nanos::get);
        budget.setPerMinute(perMinute);
        budget.setBurst(burst);
        return budget;
    }

    @Test
    void theBurstGoesAtOnceThenWritesAreSpacedAtThePerMinuteRate() {
        InteractionWriteBudget budget = budget(17, 250);
        for (int i = 0; i < 250; i++) {
            assertThat(budget.millisUntilWrite("case-1")).as("write %d of the burst", i).isZero();
        }
        // 60 s / 17 = 3,530 ms per write from now on
        assertThat(budget.millisUntilWrite("case-1")).isEqualTo(3530);
        assertThat(budget.millisUntilWrite("case-1")).isEqualTo(7059);
        // another case has its own budget
        assertThat(budget.millisUntilWrite("case-2")).isZero();
    }

    @Test
    void overAnyMinuteAtMostTheRateIsSpentAfterTheBurst() {
        InteractionWriteBudget budget = budget(17, 5);
        long minute = TimeUnit.MINUTES.toNanos(1);
        long start = nanos.get();
        int writes = 0;
        // a writer that goes as soon as it is allowed, for ten minutes
        while (nanos.get() < start + 10 * minute) {
            long wait = budget.millisUntilWrite("busy");
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(wait));
            writes++;
        }
        assertThat(writes).isLessThanOrEqualTo(5 + 17 * 10 + 1).isGreaterThanOrEqualTo(17 * 10);
    }

    @Test
    void noBudgetMeansNoWaitAndInteractionsWithAFullBudgetAreForgotten() {
        assertThat(budget(0, 1).millisUntilWrite("any")).isZero();
        InteractionWriteBudget budget = budget(17, 2);
        for (int i = 0; i <= 10_001; i++) {
            budget.millisUntilWrite("case-" + i);
        }
        nanos.addAndGet(TimeUnit.MINUTES.toNanos(5));
        budget.millisUntilWrite("later");
        assertThat(budget.tracked()).isLessThan(10);
    }
}
