package io.cxonehandoff.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import io.cxonehandoff.support.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The 429 hook and the tenant pause on a clock the test moves: whatever Retry-After says, the pause is capped. */
class RateLimitedRedeliveryTest {

    private static final long CAP_SECONDS = 300;

    private final FakeClock clock = new FakeClock();
    private final TenantBackpressure backpressure = new TenantBackpressure(clock::millis);
    private final RateLimitedRedelivery hook = new RateLimitedRedelivery(clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        hook.setBackpressure(backpressure);
        hook.setRetryAfterMaxSeconds(CAP_SECONDS);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("meters", MeterRegistry.class, meters);
        camel.start();
        backpressure.setCamelContext(camel);
        camel.addService(backpressure, true, true);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "9223372036854775807", "184467440737095516160", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void aHugeRetryAfterPausesAtMostTheCap(String retryAfter) {
        Exchange exchange = rateLimited(retryAfter);

        hook.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(CAP_SECONDS * 1000);
        assertThat(backpressure.pauseRemainingMillis()).isEqualTo(CAP_SECONDS * 1000);
        clock.advance(Duration.ofSeconds(CAP_SECONDS));
        assertThat(backpressure.remainingMillis()).as("calls go again once the cap is over").isZero();
    }

    @Test
    void aRetryAfterWithinTheCapIsObeyedAsItIs() {
        Exchange exchange = rateLimited("7");
        hook.process(exchange);
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(7_000);
        assertThat(backpressure.pauseRemainingMillis()).isEqualTo(7_000);
    }

    @Test
    void theCapIsReportedOncePerPauseNotForEveryCall() {
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 5; i++) {
                hook.process(rateLimited("999999999"));
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(log.containing("retry-after-max-seconds")).hasSize(1);
            assertThat(log.containing("retry-after-max-seconds").get(0))
                    .contains("WARN", "asked for a pause of 999999999 s", "all calls pause 300 s");

            clock.advance(Duration.ofSeconds(CAP_SECONDS));
            hook.process(rateLimited("999999999"));
            assertThat(log.containing("retry-after-max-seconds")).as("a new pause, reported again").hasSize(2);
        }
    }

    @Test
    void thePauseAndWhatIsLeftOfItAreInHealthAndMetrics() {
        assertThat(pauseCheck().getDetails()).containsEntry("tenant.paused", false);
        assertThat(meters.get(TenantBackpressure.GAUGE).gauge().value()).isZero();

        hook.process(rateLimited("999999999"));
        clock.advance(Duration.ofSeconds(100));

        HealthCheck.Result paused = pauseCheck();
        assertThat(paused.getState()).as("the tenant's instruction, not our failure").isEqualTo(HealthCheck.State.UP);
        assertThat(paused.getDetails()).containsEntry("tenant.paused", true)
                .containsEntry("tenant.pause.remaining.seconds", 200L)
                .containsEntry("tenant.paused.until", clock.instant().plusSeconds(200).toString());
        assertThat(meters.get(TenantBackpressure.GAUGE).gauge().value()).isEqualTo(200.0);

        clock.advance(Duration.ofSeconds(200));
        assertThat(pauseCheck().getDetails()).containsEntry("tenant.paused", false);
        assertThat(meters.get(TenantBackpressure.GAUGE).gauge().value()).isZero();
    }

    @Test
    void aCapOutsideOneSecondToOneDayIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> hook.setRetryAfterMaxSeconds(0));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> hook.setRetryAfterMaxSeconds(86_401));
    }

    private HealthCheck.Result pauseCheck() {
        return HealthCheckHelper.invokeReadiness(camel).stream()
                .filter(r -> r.getCheck().getId().equals("cxone-tenant-pause"))
                .findFirst().orElseThrow(() -> new AssertionError("no cxone-tenant-pause readiness check"));
    }

    private Exchange rateLimited(String retryAfter) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setException(new HttpOperationFailedException("http://cxone.invalid/api", 429, "Too Many Requests",
                null, Map.of("Retry-After", retryAfter), "{}"));
        return exchange;
    }

    /** A clock the test moves by hand. */
    private static final class FakeClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
