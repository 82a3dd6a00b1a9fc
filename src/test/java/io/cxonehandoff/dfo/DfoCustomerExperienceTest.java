package io.cxonehandoff.dfo;

import java.util.Properties;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 in the dfo profile: CaseInboxAssigneeChanged is the assignment; messages to the customer and the queue
 * check are off (the digital API documents neither); the assignment timeout moves the case to the overflow skill.
 */
@DfoProfile
class DfoCustomerExperienceTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties("handoff.catch-up.interval-ms", "1000", "handoff.overflow-queue", "5099",
                "handoff.assign-timeout-seconds", "1", "handoff.assign-check-interval-ms", "200");
    }

    @Test
    void anAgentTakingTheCaseRecordsTheTimeToAgentAndNothingIsPostedToTheCustomer() {
        String id = "3101";
        simulator().setAgentAssignMillis(300);
        simulator().chat(id).confidence(0.1).messages(3).customerSays("mail me at jo@example.com").create();
        awaitSubscribed();

        await().atMost(PATIENCE).until(() -> timeToAgent() != null && timeToAgent().count() == 1);

        assertThat(simulator().transfersFor(id)).hasSize(1);
        assertThat(simulator().requests()).noneMatch(r -> r.operation() == Operation.POST_MESSAGE
                                                          || r.operation() == Operation.GET_AVAILABILITY);
        assertThat(simulator().dfo().customFields(id).get("handoff_summary"))
                .contains("last customer message: mail me at [e-mail removed]");
        assertThat(counter("cxone.handoff.assignment.timeouts")).isZero();
    }

    @Test
    void aCaseNoAgentTookMovesOnceToTheOverflowSkill() {
        String id = "3102";
        simulator().setAgentAssignMillis(-1);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 2);
        assertThat(simulator().transfersFor(id).get(1).queueId()).isEqualTo("5099");
        assertThat(simulator().dfo().skillOf(id)).isEqualTo(5099);
        assertThat(counter("cxone.handoff.assignment.timeouts")).isEqualTo(1);
        assertThat(counter("cxone.handoff.fallbacks", "choice", "overflow_after_timeout")).isEqualTo(1);
    }

    private Timer timeToAgent() {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        return registry.find("cxone.handoff.time_to_agent").timer();
    }
}
