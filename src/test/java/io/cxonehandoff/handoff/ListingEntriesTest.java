package io.cxonehandoff.handoff;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingEntriesTest {

    private final AtomicLong now = new AtomicLong(100_000);
    private final ListingEntries entries = new ListingEntries(now::get);

    private static Map<String, Object> entry(long listedAt) {
        return Map.of("id", "chat-1", "state", "bot_active", "interaction", Map.of("id", "chat-1"), "listedAt", listedAt);
    }

    @Test
    void aFreshEntryStandsInForAReadAnOldOneDoesNot() {
        entries.setTrustMillis(5000);
        assertThat(entries.usable(entry(96_000))).isTrue();
        assertThat(entries.usable(entry(94_999))).as("listed more than 5 s ago").isFalse();
    }

    @Test
    void aLiveEventOrAnEntryWithoutItsTimeIsRead() {
        assertThat(entries.usable(Map.of("id", "chat-1", "state", "bot_active"))).isFalse();
        assertThat(entries.usable(Map.of("id", "chat-1", "interaction", Map.of("id", "chat-1")))).isFalse();
        assertThat(entries.usable("not a map")).isFalse();
    }

    @Test
    void zeroTrustReadsEveryEntryOfAnEarlierMillisecond() {
        entries.setTrustMillis(0);
        assertThat(entries.usable(entry(99_999))).isFalse();
        assertThatThrownBy(() -> entries.setTrustMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
