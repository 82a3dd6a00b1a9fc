package io.cxonehandoff.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses an HTTP {@code Retry-After} value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). The value
 * comes from the tenant, so nothing it holds can overflow: a wait too long for a {@code long} is
 * {@link Long#MAX_VALUE} ms, and the caller caps it ({@link RateLimitedRedelivery}).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait in milliseconds (0 for a date in the past), or empty when the value is missing or unreadable. */
    public static OptionalLong millis(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        String trimmed = value.trim();
        if (isDeltaSeconds(trimmed)) {
            return OptionalLong.of(secondsToMillis(trimmed));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return OptionalLong.of(Math.max(0, Duration.between(now, at).toMillis()));
        } catch (DateTimeParseException notADate) {
            // a negative number, a word, a broken date: no usable hint, the policy's own backoff applies
            return OptionalLong.empty();
        } catch (ArithmeticException tooFarAhead) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }

    /** The header's value from a response header map, whatever its case. */
    public static String header(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(e -> "retry-after".equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** {@code 1*DIGIT}, ASCII only ({@link Long#parseLong} would also take a sign and non-ASCII digits). */
    private static boolean isDeltaSeconds(String value) {
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long secondsToMillis(String digits) {
        try {
            return Math.multiplyExact(Long.parseLong(digits), 1000L);
        } catch (NumberFormatException | ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
