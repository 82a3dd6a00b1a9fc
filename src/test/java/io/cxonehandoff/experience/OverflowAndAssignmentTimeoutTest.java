package io.cxonehandoff.experience;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.ContextPatch;
import io.cxonehandoff.simulator.CustomerMessage;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.Transfer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With an overflow queue: where a chat goes when its queue cannot take it, and when no agent takes it in time. */
class OverflowAndAssignmentTimeoutTest extends HandoffTestSupport {

    private static final String OVERFLOW = "overflow-queue";

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF, "handoff.overflow-queue", OVERFLOW,
                "handoff.assign-timeout-seconds", "1", "handoff.assign-check-interval-ms", "200");
    }

    @Test
    void aClosedQueueSendsTheChatToTheOverflowQueueAndTheContextSaysSo() {
        String id = "closed-to-overflow";
        simulator().setQueueAvailability(simulator().queueId(), false, 0, 0, null);
        simulator().setAgentAssignMillis(100);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().transfersFor(id).get(0).queueId()).isEqualTo(OVERFLOW);
        ContextPatch context = contextOf(id);
        assertThat(context.attributes()).containsEntry("handoff_fallback", "overflow").containsEntry("handoff_queue", OVERFLOW);
        assertThat(counter("cxone.handoff.fallbacks", "choice", "overflow")).isEqualTo(1);
        // the overflow queue is open (the simulator's default): the customer is told as usual
        await().atMost(PATIENCE).until(() -> texts(id).size() == 1);
        assertThat(texts(id).get(0)).startsWith("Connecting you with an agent");
    }

    @Test
    void oneAvailabilityAnswerServesEveryHandoffToTheQueueForAFewSeconds() {
        simulator().setAgentAssignMillis(100);
        long checksBefore = availabilityChecks();
        List<String> ids = List.of("cached-1", "cached-2", "cached-3", "cached-4");
        ids.forEach(id -> simulator().chat(id).confidence(0.1).create());
        awaitSubscribed();

        ids.forEach(simulator()::emitEvent);

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
        assertThat(availabilityChecks() - checksBefore).isEqualTo(1);
    }

    @Test
    void noAgentInTimeMeansOneMessageAndOneMoveToTheOverflowQueueThenNothingMore() {
        String id = "never-assigned";
        simulator().setAgentAssignMillis(-1);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 2);
        List<Transfer> transfers = simulator().transfersFor(id);
        assertThat(transfers.get(0).queueId()).isEqualTo(simulator().queueId());
        assertThat(transfers.get(1).queueId()).isEqualTo(OVERFLOW);
        await().atMost(PATIENCE).until(() -> texts(id).size() == 2);
        assertThat(texts(id).get(1)).isEqualTo("Sorry for the wait - all agents are still busy. We have not forgotten you.");
        assertThat(counter("cxone.handoff.assignment.timeouts", "queue", simulator().queueId())).isEqualTo(1);
        assertThat(counter("cxone.handoff.fallbacks", "choice", "overflow_after_timeout")).isEqualTo(1);

        // well past a second timeout: no further message, no further move
        NotifyBuilder checks = new NotifyBuilder(context).fromRoute("assignment-timeouts").whenDone(15).create();
        assertThat(checks.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().transfersFor(id)).hasSize(2);
        assertThat(texts(id)).hasSize(2);
        assertThat(counter("cxone.handoff.assignment.timeouts")).isEqualTo(1);
    }

    @Test
    void aChatAnAgentTookWithoutUsHearingOfItIsNotTimedOut() {
        String id = "assigned-unheard";
        simulator().setAgentAssignMillis(-1);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);

        // an agent takes it, but the event is lost (as in a disconnect): the timeout reads the chat first
        simulator().setChatState(id, "agent_active");
        NotifyBuilder checks = new NotifyBuilder(context).fromRoute("assignment-timeouts").whenDone(10).create();
        assertThat(checks.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(simulator().transfersFor(id)).hasSize(1);
        assertThat(counter("cxone.handoff.assignment.timeouts")).isZero();
        assertThat(simulator().requests().stream()
                .filter(r -> r.operation() == Operation.GET_INTERACTION && id.equals(r.interactionId()))).hasSize(2);
    }

    private long availabilityChecks() {
        return simulator().requests().stream().filter(r -> r.operation() == Operation.GET_AVAILABILITY).count();
    }

    private List<String> texts(String id) {
        return simulator().customerMessagesFor(id).stream().map(CustomerMessage::content).toList();
    }

    private ContextPatch contextOf(String id) {
        return simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id)).reduce((a, b) -> b).orElseThrow();
    }
}
