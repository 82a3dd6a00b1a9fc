package io.cxonehandoff.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.console.HandoffStatistics;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.cxonehandoff.support.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hourly budget in the real routes: every CXone call of a handoff passes it in the tenant-rate-limit step. With a
 * budget whose spread pace is 10 calls/s and a burst of 72 calls, a batch of handoffs goes at the rate limit for its
 * first 72 calls and then at the budget's pace: calls wait, none is refused (429), every chat is handed off.
 */
class HourlyBudgetInTheRoutesTest extends HandoffTestSupport {

    /** 10 calls/s spread over the 3,602 s each call's hour is counted in. */
    private static final long BUDGET = 36_020;
    private static final int BURST = 72;

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF,
                "cxone.hourly-budget", String.valueOf(BUDGET),
                "cxone.hourly-budget.burst-share", String.valueOf((double) BURST / BUDGET),
                "handoff.parallelism", "16");
    }

    @Test
    void pastItsBurstTheBudgetSpreadsTheCallsOfABatchOfHandoffsAndRefusesNone() {
        awaitSubscribed();
        List<String> ids = IntStream.range(0, 24).mapToObj(i -> "hourly-" + i).toList();
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(3).create());
        try (CapturedLog log = new CapturedLog()) {
            ids.forEach(simulator()::emitEvent);

            await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
            assertThat(log.containing("CXone hourly budget binds")).as("one WARN, not one per call").hasSize(1);
        }
        List<RecordedRequest> calls = simulator().requests().stream().filter(r -> r.operation() != Operation.TOKEN).toList();
        assertThat(calls).hasSizeGreaterThan(BURST + 20).noneMatch(r -> r.status() == 429);

        // the burst at the rate limit (50/s), on top of the budget's own pace while it lasts (a second or two)
        List<Instant> sent = calls.stream().map(RecordedRequest::receivedAt).sorted().toList();
        assertThat(Duration.between(sent.get(0), sent.get(BURST - 1))).isLessThan(Duration.ofMillis(2_500));
        // past it, no second holds more than the budget's pace (10/s, one more for a second cut in two)
        List<Instant> spread = sent.subList(BURST + 20, sent.size());
        for (Instant at : spread) {
            long inTheSecond = spread.stream().filter(t -> !t.isBefore(at) && t.isBefore(at.plusSeconds(1))).count();
            assertThat(inTheSecond).as("calls in the second from %s", at).isLessThanOrEqualTo(11);
        }
        assertThat(Duration.between(spread.get(0), spread.get(spread.size() - 1)))
                .isGreaterThanOrEqualTo(Duration.ofMillis((spread.size() - 11) * 100L));

        // what is left, in HandoffStatistics and /observe/metrics (every call of this context's lifetime counted)
        HandoffStatistics statistics = context.getRegistry().lookupByNameAndType("handoffStatistics", HandoffStatistics.class);
        assertThat(statistics.getHourlyBudgetBinding()).isTrue();
        assertThat(statistics.getHourlyBudgetRemaining()).isBetween(0L, BUDGET - calls.size());
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        assertThat(meters).isInstanceOf(PrometheusMeterRegistry.class);
        assertThat(((PrometheusMeterRegistry) meters).scrape())
                .contains("cxone_api_hourly_budget_remaining ")
                .contains("cxone_api_hourly_budget_binding 1.0");
    }
}
