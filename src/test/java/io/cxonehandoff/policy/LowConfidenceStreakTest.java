package io.cxonehandoff.policy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The repeated-low-confidence rule's state is bounded: a time to live and a largest number of chats. */
class LowConfidenceStreakTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LowConfidenceStreak streak = new LowConfidenceStreak(0.5, 60, 3, now::get);

    @Test
    void lowScoresInARowCountAGoodOneOrAMissingOneEndsTheStreak() {
        assertThat(streak.observe("a", 0.4)).isEqualTo(1);
        assertThat(streak.observe("a", 0.3)).isEqualTo(2);
        assertThat(streak.observe("a", 0.9)).isZero();
        assertThat(streak.observe("a", 0.4)).isEqualTo(1);
        assertThat(streak.observe("a", null)).isZero();
        assertThat(streak.tracked()).as("a chat without a streak is not kept").isZero();
    }

    @Test
    void aStreakOlderThanItsTimeToLiveStartsAgain() {
        streak.observe("a", 0.4);
        now.addAndGet(TimeUnit.MINUTES.toMillis(61));
        assertThat(streak.observe("a", 0.4)).isEqualTo(1);
    }

    @Test
    void beyondTheLargestNumberOfChatsTheLeastRecentlySeenIsForgotten() {
        streak.observe("a", 0.4);
        streak.observe("b", 0.4);
        streak.observe("c", 0.4);
        streak.observe("a", 0.4);
        streak.observe("d", 0.4);
        assertThat(streak.tracked()).isEqualTo(3);
        assertThat(streak.observe("b", 0.4)).as("b was forgotten").isEqualTo(1);
        assertThat(streak.observe("a", 0.4)).as("a was seen again before d came").isEqualTo(3);
    }
}
