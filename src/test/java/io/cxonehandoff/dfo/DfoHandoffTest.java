package io.cxonehandoff.dfo;

import java.util.Map;
import java.util.Properties;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.Transfer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dfo profile end to end against the simulator's DFO mode: the same routes as the tutorial's. */
@DfoProfile
class DfoHandoffTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties("handoff.catch-up.interval-ms", "1000");
    }

    @Test
    void aLowConfidenceBotCaseIsFoundSubscribedAndMovedToTheAgentsWithOurFieldsOnce() {
        String id = "2001";
        simulator().chat(id).confidence(0.21).messages(230).create();
        awaitSubscribed();

        try {
            await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        } catch (RuntimeException e) {
            simulator().requests().forEach(r -> System.out.println("REQ " + r));
            throw e;
        }

        Transfer transfer = simulator().transfersFor(id).get(0);
        assertThat(transfer.queueId()).isEqualTo(simulator().queueId());
        assertThat(transfer.reason()).isEqualTo("low_confidence");
        Map<String, String> fields = simulator().dfo().customFields(id);
        assertThat(fields).containsEntry("handoff_reason", "low_confidence").containsEntry("handoff_source", "cxone-handoff")
                .containsKey("handoff_at");
        assertThat(fields.get("handoff_summary")).startsWith("low confidence (rule low-confidence) after 115 bot turns")
                .contains("; messages: customer 115, bot 115, agent 0; last customer message: ");
        // the whole transcript: three pages of 100
        assertThat(simulator().count(Operation.GET_MESSAGES, 200)).isEqualTo(3);
        assertThat(simulator().dfo().skillOf(id)).isEqualTo(simulator().dfo().agentSkillId());
    }
}
