package io.cxonehandoff.handoff;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionFactsTest {

    private final InteractionFacts facts = new InteractionFacts();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void readsScoreRequestAndState() {
        facts.read(interaction(Map.of("bot_confidence_score", 0.21, "user_requested_transfer", true)), exchange);
        assertThat(exchange.getProperty(InteractionFacts.BOT_CONFIDENCE)).isEqualTo(0.21);
        assertThat(exchange.getProperty(InteractionFacts.CUSTOMER_REQUESTED)).isEqualTo(true);
        assertThat(exchange.getProperty(InteractionFacts.STATE)).isEqualTo("bot_active");
    }

    @Test
    void missingNullOrNonNumericScoresAreNoScore() {
        HashMap<String, Object> nullScore = new HashMap<>();
        nullScore.put("bot_confidence_score", null);
        for (Map<String, Object> attributes : java.util.List.<Map<String, Object>>of(
                Map.of(), nullScore, Map.of("bot_confidence_score", "low"))) {
            facts.read(interaction(attributes), exchange);
            assertThat(exchange.getProperty(InteractionFacts.BOT_CONFIDENCE)).as(attributes.toString()).isNull();
            assertThat(exchange.getProperty(InteractionFacts.CUSTOMER_REQUESTED)).isEqualTo(false);
        }
    }

    @Test
    void anInteractionWithoutAttributesHasNoTrigger() {
        facts.read(Map.of("id", "x", "state", "bot_active"), exchange);
        assertThat(exchange.getProperty(InteractionFacts.BOT_CONFIDENCE)).isNull();
        assertThat(exchange.getProperty(InteractionFacts.CUSTOMER_REQUESTED)).isEqualTo(false);
    }

    @Test
    void aBodyThatIsNotAnObjectIsAnUnexpectedAnswer() {
        assertThatThrownBy(() -> facts.read(java.util.List.of(1), exchange))
                .isInstanceOf(UnexpectedCxoneAnswerException.class);
    }

    private static Map<String, Object> interaction(Map<String, Object> attributes) {
        return Map.of("id", "i-1", "type", "webchat", "state", "bot_active", "attributes", attributes);
    }
}
