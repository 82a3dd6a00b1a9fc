package io.cxonehandoff.experience;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentWatchTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AssignmentWatch watch = new AssignmentWatch(now::get);

    @Test
    void aChatIsOverdueOnceAfterTheTimeoutThenStillWatchedForItsAgentThenForgotten() {
        watch.setTimeoutSeconds(10);
        watch.transferred("a", "low_confidence", "q", "en", now.get() - 2_000, null);
        now.addAndGet(9_999);
        assertThat(watch.overdue()).isEmpty();
        now.addAndGet(1);
        assertThat(watch.overdue()).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("id", "a").containsEntry("queue", "q").containsEntry("language", "en")
                .containsEntry("overflowed", false).containsEntry("triggeredAt", 998_000L));
        assertThat(watch.overdue()).isEmpty();
        assertThat(watch.watching()).isEqualTo(1);
        now.addAndGet(12 * 10_000);
        assertThat(watch.overdue()).isEmpty();
        assertThat(watch.watching()).isZero();
    }

    @Test
    void theOverflowKeepsTheTriggerAndNeverTimesOutAgain() {
        watch.setTimeoutSeconds(10);
        watch.transferred("b", "customer_request", "q", "de", 990_000L, null);
        now.addAndGet(10_000);
        assertThat(watch.overdue()).hasSize(1);
        watch.transferred("b", "customer_request", "overflow", "de", 990_000L, true);
        now.addAndGet(20_000);
        assertThat(watch.overdue()).isEmpty();
        assertThat(watch.watching()).isEqualTo(1);
    }

    @Test
    void anUnknownChatsAssignmentIsNotCounted() {
        assertThat(watch.assigned("never-transferred")).isFalse();
        assertThat(watch.assigned(null)).isFalse();
    }
}
