package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public ChatBuilder attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    public SimulatedChat create() {
        return register.apply(new SimulatedChat(id, type, state, confidence, userRequestedTransfer, attributes,
                history(id, messages), withoutAttributes, repeatingCursor));
    }

    /** Alternating customer and bot messages, oldest first, one second apart. */
    static List<Map<String, Object>> history(String chatId, int count) {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        List<Map<String, Object>> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", chatId + "-m" + i);
            message.put("type", "text");
            message.put("author", i % 2 == 0 ? "customer" : "bot");
            message.put("content", (i % 2 == 0 ? "Customer message " : "Bot answer ") + i + " in " + chatId);
            message.put("timestamp", start.plusSeconds(i).toString());
            history.add(message);
        }
        return history;
    }
}
