package io.cxonehandoff.policy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop guard: bounces per day, and the chats whose handoffs keep failing wait for an operator's replay. */
class LoopGuardTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoopGuard guard = new LoopGuard(now::get);

    @Test
    void twoDeadLettersStopCatchUpAndLiveEventsButAReplayByHandGoesThrough() {
        guard.deadLettered("failing");
        assertThat(guard.failedTooOften("failing", null)).as("one dead letter: tried again").isFalse();
        guard.deadLettered("failing");
        assertThat(guard.failedTooOften("failing", null)).as("two: only an operator's replay").isTrue();
        assertThat(guard.failedTooOften("failing", "failing-letter.json")).as("the replay").isFalse();
        // the replay's handoff worked: the chat is like any other again
        guard.handedOff("failing");
        assertThat(guard.failedTooOften("failing", null)).isFalse();
    }

    @Test
    void threeHandoffsADayAtMostTheOldestLeavingAfterTwentyFourHours() {
        guard.handedOff("bouncing");
        now.addAndGet(TimeUnit.HOURS.toMillis(1));
        guard.handedOff("bouncing");
        guard.handedOff("bouncing");
        assertThat(guard.handoffsExhausted("bouncing")).isTrue();
        assertThat(guard.handoffsExhausted("other")).isFalse();
        now.addAndGet(TimeUnit.HOURS.toMillis(23) + 1);
        assertThat(guard.handoffsExhausted("bouncing")).as("the first is more than 24 h old").isFalse();
    }
}
