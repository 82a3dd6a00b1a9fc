package io.cxonehandoff.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest {

    @Test
    void capDoublesPerAttemptUpToTheMaximum() {
        List<Long> bounds = new ArrayList<>();
        ReconnectBackoff backoff = new ReconnectBackoff(500, 30_000, bound -> {
            bounds.add(bound);
            return bound;
        });
        IntStream.range(0, 9).forEach(i -> backoff.nextDelayMillis());
        assertThat(bounds).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void resetStartsAgainFromTheBase() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 10_000, bound -> bound);
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1_000);
        List<Long> delays = IntStream.range(0, 200).mapToObj(i -> backoff.nextDelayMillis()).toList();
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 1_000L));
        // full jitter: the delays after the cap is reached are spread, not all equal
        assertThat(delays.subList(10, 200).stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new ReconnectBackoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(100, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
