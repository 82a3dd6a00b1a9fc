package io.cxonehandoff.pacing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void deltaSeconds() {
        assertThat(RetryAfter.millis("2", NOW)).hasValue(2000);
        assertThat(RetryAfter.millis(" 0 ", NOW)).hasValue(0);
    }

    @Test
    void httpDate() {
        assertThat(RetryAfter.millis("Tue, 24 Nov 2026 10:00:03 GMT", NOW)).hasValue(3000);
        assertThat(RetryAfter.millis("Tue, 24 Nov 2026 09:59:00 GMT", NOW)).hasValue(0);
    }

    @Test
    void missingOrUnreadableMeansNoHint() {
        assertThat(RetryAfter.millis(null, NOW)).isEmpty();
        assertThat(RetryAfter.millis("soon", NOW)).isEmpty();
        assertThat(RetryAfter.millis("-1", NOW)).isEmpty();
    }

    @Test
    void hugeValuesSaturateInsteadOfOverflowing() {
        assertThat(RetryAfter.millis("999999999", NOW)).hasValue(999_999_999_000L);
        assertThat(RetryAfter.millis("9223372036854775807", NOW)).hasValue(Long.MAX_VALUE);
        assertThat(RetryAfter.millis("99999999999999999999999999", NOW)).hasValue(Long.MAX_VALUE);
        assertThat(RetryAfter.millis("Fri, 31 Dec 9999 23:59:59 GMT", NOW))
                .hasValue(java.time.Duration.between(NOW, Instant.parse("9999-12-31T23:59:59Z")).toMillis());
    }

    @Test
    void onlyPlainAsciiDigitsAreDeltaSeconds() {
        assertThat(RetryAfter.millis("+5", NOW)).isEmpty();
        assertThat(RetryAfter.millis("-9223372036854775808", NOW)).isEmpty();
        assertThat(RetryAfter.millis("\u0661\u0662", NOW)).as("Arabic-Indic digits").isEmpty();
        assertThat(RetryAfter.millis("1.5", NOW)).isEmpty();
    }

    @Test
    void headerIsFoundWhateverItsCase() {
        assertThat(RetryAfter.header(Map.of("retry-after", "5"))).isEqualTo("5");
        assertThat(RetryAfter.header(Map.of("Retry-After", "6"))).isEqualTo("6");
        assertThat(RetryAfter.header(Map.of("Content-Type", "x"))).isNull();
    }

    @Test
    void backpressurePauseOnlyGrows() {
        AtomicLong now = new AtomicLong(1_000);
        TenantBackpressure backpressure = new TenantBackpressure(now::get);
        assertThat(backpressure.remainingMillis()).isZero();
        backpressure.pauseFor(2_000);
        backpressure.pauseFor(500);
        assertThat(backpressure.remainingMillis()).isBetween(2_000L, 2_000L + TenantBackpressure.SPREAD_MILLIS);
        now.addAndGet(1_500);
        assertThat(backpressure.remainingMillis()).isBetween(500L, 500L + TenantBackpressure.SPREAD_MILLIS);
        now.addAndGet(1_000);
        assertThat(backpressure.remainingMillis()).isZero();
    }
}
