package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Describes a chat for {@link CxoneSimulator#chat(String)}; defaults: a confident webchat bot with 3 messages. */
public final class ChatBuilder {

    private final String id;
    private final Function<SimulatedChat, SimulatedChat> register;
    private String type = "webchat";
    private String state = "bot_active";
    private Object confidence = 0.9;
    private boolean userRequestedTransfer;
    private int messages = 3;
    private boolean withoutAttributes;
    private boolean repeatingCursor;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Set<Integer> agentMessages = new HashSet<>();
    private final Set<Integer> longMessages = new HashSet<>();
    private final List<String> customerSays = new ArrayList<>();
    private double[] botConfidences = new double[0];

    ChatBuilder(String id, Function<SimulatedChat, SimulatedChat> register) {
        this.id = id;
        this.register = register;
    }

    public ChatBuilder type(String type) {
        this.type = type;
        return this;
    }

    public ChatBuilder state(String state) {
        this.state = state;
        return this;
    }

    /** The bot's confidence; {@code null} is sent as JSON null. */
    public ChatBuilder confidence(Double confidence) {
        this.confidence = confidence;
        return this;
    }

    /** No {@code bot_confidence_score} attribute at all. */
    public ChatBuilder confidenceAbsent() {
        this.confidence = SimulatedChat.ABSENT;
        return this;
    }

    public ChatBuilder userRequestedTransfer(boolean requested) {
        this.userRequestedTransfer = requested;
        return this;
    }

    public ChatBuilder messages(int count) {
        this.messages = count;
        return this;
    }

    /** The interaction has no {@code attributes} object at all. */
    public ChatBuilder withoutAttributes() {
        this.withoutAttributes = true;
        return this;
    }

    /** From the second page on, a messages page names itself as the next one (a stuck cursor). */
    public ChatBuilder repeatingCursor() {
        this.repeatingCursor = true;
        return this;
    }

    /** The messages at these indexes (0 = oldest) are an agent's answers, not the bot's or the customer's. */
    public ChatBuilder agentMessages(int... indexes) {
        for (int index : indexes) {
            agentMessages.add(index);
        }
        return this;
    }

    /**
     * The messages at these indexes are long (over 1,024 characters); in the dfo profile a case's message list shows
     * only their start, with {@code hasAdditionalMessageContent: true}, and the full text is at
     * {@code GET /dfo/3.0/messages/{id}}. {@link SimulatedChat#messages()} holds the full text.
     */
    public ChatBuilder longMessages(int... indexes) {
        for (int index : indexes) {
            longMessages.add(index);
        }
        return this;
    }

    /** After the generated messages, the customer writes this (the latest customer message, for keyword rules). */
    public ChatBuilder customerSays(String text) {
        customerSays.add(text);
        return this;
    }

    /**
     * An interaction attribute, e.g. {@code customer_sentiment} (-1..1), {@code language}, {@code intent},
     * {@code tier} (docs/cxone-api.md); in the dfo profile a custom field of the case.
     */
    public ChatBuilder attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /**
     * The bot's own confidence on its last answers, oldest first: the newest {@code confidences.length} bot messages
     * carry {@code confidence} (the repeated-low-confidence rule's {@code from-transcript} reads them).
     */
    public ChatBuilder botConfidences(double... confidences) {
        this.botConfidences = confidences.clone();
        return this;
    }

    public SimulatedChat create() {
        List<Map<String, Object>> history = new ArrayList<>(messages);
        Set<String> additionalContent = new HashSet<>();
        for (int i = 0; i < messages; i++) {
            String author = agentMessages.contains(i) ? "agent" : i % 2 == 0 ? "customer" : "bot";
            Map<String, Object> message = message(id, i, author);
            if (longMessages.contains(i)) {
                message.put("content", message.get("content") + LONG_TAIL);
                additionalContent.add((String) message.get("id"));
            }
            history.add(message);
        }
        List<Map<String, Object>> botAnswers = history.stream().filter(m -> "bot".equals(m.get("author"))).toList();
        int first = botAnswers.size() - botConfidences.length;
        for (int i = Math.max(0, -first); i < botConfidences.length; i++) {
            botAnswers.get(first + i).put("confidence", botConfidences[i]);
        }
        for (String text : customerSays) {
            Map<String, Object> message = message(id, history.size(), "customer");
            message.put("content", text);
            history.add(message);
        }
        return register.apply(new SimulatedChat(id, type, state, confidence, userRequestedTransfer, attributes,
                history, withoutAttributes, repeatingCursor, additionalContent));
    }

    /** What makes a long message long (1,500 characters more). */
    static final String LONG_TAIL = " and more.".repeat(150);

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    /**
     * Message {@code index} of a chat (0 = oldest, one second apart): by default alternating customer and bot
     * messages.
     */
    static Map<String, Object> message(String chatId, int index, String author) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", chatId + "-m" + index);
        message.put("type", "text");
        message.put("author", author);
        String prefix = switch (author) {
            case "customer" -> "Customer message ";
            case "agent" -> "Agent answer ";
            default -> "Bot answer ";
        };
        message.put("content", prefix + index + " in " + chatId);
        message.put("timestamp", START.plusSeconds(index).toString());
        return message;
    }
}
