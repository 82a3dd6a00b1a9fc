package io.cxonehandoff.handoff;

import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Reads the facts the handoff decision needs from an interaction (GET interaction answer) into exchange
 * properties, so the decision itself stays a readable content-based router in the route.
 * A missing or null score, or one that is not a number, is "no score": never low confidence.
 */
public class InteractionFacts {

    public static final String STATE = "interactionState";
    public static final String TYPE = "interactionType";
    public static final String BOT_CONFIDENCE = "botConfidence";
    public static final String CUSTOMER_REQUESTED = "customerRequested";

    private String confidenceAttribute = "bot_confidence_score";
    private String transferRequestAttribute = "user_requested_transfer";

    public void read(@Body Object interaction, Exchange exchange) {
        if (!(interaction instanceof Map<?, ?> fields)) {
            throw new UnexpectedCxoneAnswerException("interaction is not a JSON object");
        }
        Map<?, ?> attributes = fields.get("attributes") instanceof Map<?, ?> map ? map : Map.of();
        exchange.setProperty(STATE, text(fields.get("state")));
        exchange.setProperty(TYPE, text(fields.get("type")));
        exchange.setProperty(BOT_CONFIDENCE, score(attributes.get(confidenceAttribute)));
        exchange.setProperty(CUSTOMER_REQUESTED, isTrue(attributes.get(transferRequestAttribute)));
    }

    private static Double score(Object value) {
        if (value instanceof Number number) {
            double score = number.doubleValue();
            return Double.isFinite(score) ? score : null;
        }
        return null;
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof String s && Boolean.parseBoolean(s.trim()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The attribute holding the bot's confidence score (handoff.attribute.confidence). */
    public void setConfidenceAttribute(String confidenceAttribute) {
        this.confidenceAttribute = confidenceAttribute;
    }

    /** The attribute telling that the customer asked for a person (handoff.attribute.customer-request). */
    public void setTransferRequestAttribute(String transferRequestAttribute) {
        this.transferRequestAttribute = transferRequestAttribute;
    }
}
