package io.cxonehandoff.policy;

import java.time.Duration;
import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.ContextPatch;
import io.cxonehandoff.simulator.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The handoff policy against the simulator: the rule and queue in the context, handbacks and the loop guard. */
class HandoffPolicyTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF,
                "handoff.rules.keyword.enabled", "true",
                "handoff.rules.repeated-low-confidence.enabled", "true",
                "handoff.rules.repeated-low-confidence.from-transcript", "true",
                "handoff.queues[0].when-intent", "billing",
                "handoff.queues[0].queue", "billing-queue");
    }

    @Test
    void theRuleAndTheChosenQueueGoIntoTheContextAndTheTranscriptIsReadOnce() {
        String id = "wants-a-person";
        simulator().chat(id).confidence(0.9).messages(120).attribute("intent", "billing")
                .customerSays("Can I talk to a real person please?").create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().transfersFor(id).get(0).queueId()).isEqualTo("billing-queue");
        assertThat(simulator().transfersFor(id).get(0).reason()).isEqualTo("keyword");
        ContextPatch context = simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id)).findFirst().orElseThrow();
        assertThat(context.attributes()).containsEntry("handoff_rule", "keyword").containsEntry("handoff_queue", "billing-queue")
                .containsEntry("handoff_reason", "keyword");
        // 121 messages: two pages, read once for the decision and the handoff together
        assertThat(simulator().requests()).filteredOn(r -> r.operation() == Operation.GET_MESSAGES && id.equals(r.interactionId()))
                .hasSize(2);
        assertThat(simulator().transfersFor(id).get(0).history()).hasSize(121);
    }

    @Test
    void theBotsOwnLowConfidenceOnItsLastAnswersHandsTheChatOffAtItsFirstEvent() {
        String id = "bot-unsure";
        // the interaction's score is fine; the bot's last two answers carry 0.4 and 0.3 (below 0.5)
        simulator().chat(id).confidence(0.9).messages(8).botConfidences(0.9, 0.4, 0.3).create();
        simulator().chat("bot-sure").confidence(0.9).messages(8).botConfidences(0.4, 0.3, 0.8).create();
        awaitSubscribed();

        simulator().emitEvent(id);
        simulator().emitEvent("bot-sure");

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().transfersFor(id).get(0).reason()).isEqualTo("repeated_low_confidence");
        assertThat(simulator().transfersFor(id).get(0).history()).as("the agent's history as always").hasSize(8)
                .allSatisfy(message -> assertThat(message).containsOnlyKeys("type", "author", "content", "timestamp"));
        await().atMost(PATIENCE).until(this::lanesIdle);
        assertThat(simulator().transfersFor("bot-sure")).as("its newest answer was confident").isEmpty();
    }

    @Test
    void afterAHandbackTheChatIsHandedOffAgainAtMostThreeTimesADay() {
        String id = "bouncing";
        simulator().chat(id).confidence(0.1).messages(4).create();
        awaitSubscribed();

        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        simulator().handBack(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 2);
        simulator().handBack(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 3);

        // the same episode's events hand nothing off again
        simulator().emitEvent(id);
        simulator().handBack(id);
        await().atMost(PATIENCE).until(() -> counter("cxone.handoff.skipped", "reason", "loop_guard") == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> simulator().transfersFor(id).size() == 3);
    }
}
