package io.cxonehandoff.handoff;

import java.util.Arrays;
import java.util.List;
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
    /** True while the bot owns the interaction: a type and a state the handoff is for. */
    public static final String WITH_BOT = "withBot";
    /** The customer's sentiment, -1..1 (a number, or null). */
    public static final String SENTIMENT = "sentiment";
    /** The chat's language, intent and customer tier (text, or null). */
    public static final String LANGUAGE = "language";
    public static final String INTENT = "intent";
    public static final String TIER = "tier";
    /** The bot episode ({@code bot_session}): changes whenever the bot takes the chat (again). */
    public static final String BOT_SESSION = "botSession";
    /** True while a transferred chat waits in a queue for an agent (tutorial: state {@code queued}). */
    public static final String WAITING_FOR_AGENT = "waitingForAgent";

    private FactNames names = new FactNames();
    private List<String> types = List.of("webchat");
    private List<String> states = List.of("bot_active", "awaiting_response");

    public void read(@Body Object interaction, Exchange exchange) {
        if (!(interaction instanceof Map<?, ?> fields)) {
            throw new UnexpectedCxoneAnswerException("interaction is not a JSON object");
        }
        Map<?, ?> attributes = fields.get("attributes") instanceof Map<?, ?> map ? map : Map.of();
        String state = text(fields.get("state"));
        String type = text(fields.get("type"));
        exchange.setProperty(STATE, state);
        exchange.setProperty(TYPE, type);
        exchange.setProperty(WITH_BOT, type != null && state != null && types.contains(type) && states.contains(state));
        exchange.setProperty(BOT_CONFIDENCE, score(attributes.get(names.getConfidence())));
        exchange.setProperty(CUSTOMER_REQUESTED, isTrue(attributes.get(names.getCustomerRequest())));
        exchange.setProperty(SENTIMENT, score(attributes.get(names.getSentiment())));
        exchange.setProperty(LANGUAGE, text(attributes.get(names.getLanguage())));
        exchange.setProperty(INTENT, text(attributes.get(names.getIntent())));
        exchange.setProperty(TIER, text(attributes.get(names.getTier())));
        exchange.setProperty(BOT_SESSION, text(fields.get("bot_session")));
        exchange.setProperty(WAITING_FOR_AGENT, "queued".equals(state));
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

    /** Interaction types the handoff is for (handoff.types, comma separated). */
    public void setTypes(String types) {
        this.types = csv(types);
    }

    /** States in which the bot owns the interaction (handoff.states, comma separated). */
    public void setStates(String states) {
        this.states = csv(states);
    }

    /** Comma-separated settings as a list, blanks dropped. */
    public static List<String> csv(String values) {
        return Arrays.stream(values.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** The attributes with the signals (handoff.attribute.*; the {@code factNames} bean). */
    public void setNames(FactNames names) {
        this.names = names;
    }
}
