package io.cxonehandoff.handoff;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision route ({@code routes/handoff-rules.camel.yaml}) alone, with the shipped properties (today's two
 * rules), case by case: one Camel context for the table, no network, a few milliseconds a case.
 */
class HandoffDecisionTest {

    private static DecisionRoute decision;

    @BeforeAll
    static void loadTheDecisionRoute() throws Exception {
        decision = new DecisionRoute(new Properties());
    }

    @AfterAll
    static void stop() {
        decision.close();
    }

    /**
     * requested: a boolean or {@code str:...} (a JSON string); score: a number, {@code absent} (no attribute),
     * {@code null} (JSON null) or {@code str:...} (a JSON string, which is no score).
     */
    @ParameterizedTest(name = "{0} {1} requested={2} score={3} -> {4}")
    @CsvSource(nullValues = "none", textBlock = """
            webchat, bot_active,        false, 0.1,    low_confidence
            webchat, bot_active,        false, 0.3499, low_confidence
            webchat, bot_active,        false, 0.35,   none
            webchat, bot_active,        false, 0.9,    none
            webchat, bot_active,        false, 0,      low_confidence
            webchat, bot_active,        false, absent, none
            webchat, bot_active,        false, null,   none
            webchat, bot_active,        false, str:0.1, none
            webchat, bot_active,        true,  0.9,    customer_request
            webchat, bot_active,        true,  0.1,    customer_request
            webchat, bot_active,        true,  absent, customer_request
            webchat, bot_active,        str:yes, 0.9,  none
            webchat, bot_active,        str:true, 0.9, customer_request
            webchat, awaiting_response, false, 0.1,    low_confidence
            webchat, awaiting_response, true,  0.9,    customer_request
            webchat, queued,            false, 0.1,    none
            webchat, agent_active,      true,  0.1,    none
            webchat, completed,         true,  0.1,    none
            voice,   bot_active,        false, 0.1,    none
            email,   bot_active,        true,  0.9,    none
            """)
    void decides(String type, String state, String requested, String score, String reason) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("user_requested_transfer", requested.startsWith("str:") ? requested.substring(4) : Boolean.valueOf(requested));
        if (score.startsWith("str:")) {
            attributes.put("bot_confidence_score", score.substring(4));
        } else if (score.equals("null")) {
            attributes.put("bot_confidence_score", null);
        } else if (!score.equals("absent")) {
            attributes.put("bot_confidence_score", Double.valueOf(score));
        }
        Map<String, Object> interaction = new HashMap<>(Map.of("id", "chat-1", "type", type, "state", state));
        interaction.put("attributes", attributes);

        Exchange decided = decision.decide(interaction, List.of());

        assertThat(decided.getProperty("handoffReason", String.class)).isEqualTo(reason);
        if (reason != null) {
            assertThat(decided.getProperty("handoffRule")).isEqualTo(reason.equals("low_confidence") ? "low-confidence" : "customer-asked");
            assertThat(decided.getProperty("handoffQueue")).as("no queue rule: the default queue").isEqualTo("default-queue");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            no attributes at all, true
            attributes not an object, false
            """)
    void oddInteractionsAreNotHandedOff(String what, boolean missing) {
        Map<String, Object> interaction = new HashMap<>(Map.of("id", "chat-2", "type", "webchat", "state", "bot_active"));
        if (!missing) {
            interaction.put("attributes", "not an object");
        }
        Exchange decided = decision.decide(interaction, List.of());

        assertThat(decided.getProperty("handoffReason")).isNull();
    }
}
