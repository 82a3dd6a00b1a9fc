package io.cxonehandoff.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One chat held by the simulator: the interaction as GET answers it, and its message history. */
public final class SimulatedChat {

    /** Marker for "attribute absent" (as opposed to JSON null). */
    static final Object ABSENT = new Object();

    private final String id;
    private final String type;
    private final Object confidence;
    private final boolean userRequestedTransfer;
    private final Map<String, Object> extraAttributes;
    private final List<Map<String, Object>> messages;
    private final boolean withoutAttributes;
    private final boolean repeatsCursor;
    private volatile String state;
    private volatile boolean transferred;

    SimulatedChat(String id, String type, String state, Object confidence, boolean userRequestedTransfer,
                  Map<String, Object> extraAttributes, List<Map<String, Object>> messages, boolean withoutAttributes,
                  boolean repeatsCursor) {
        this.withoutAttributes = withoutAttributes;
        this.repeatsCursor = repeatsCursor;
        this.id = id;
        this.type = type;
        this.state = state;
        this.confidence = confidence;
        this.userRequestedTransfer = userRequestedTransfer;
        this.extraAttributes = Map.copyOf(extraAttributes);
        this.messages = List.copyOf(messages);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String state() {
        return state;
    }

    public List<Map<String, Object>> messages() {
        return messages;
    }

    /** Its message pages always point back to the first page (a broken cursor). */
    boolean repeatsCursor() {
        return repeatsCursor;
    }

    boolean isTransferred() {
        return transferred;
    }

    void setState(String state) {
        this.state = state;
    }

    /** Marks the chat transferred (later transfers answer 409). */
    synchronized boolean transfer() {
        if (transferred || "completed".equals(state)) {
            return false;
        }
        transferred = true;
        state = "queued";
        return true;
    }

    void markTransferred() {
        transferred = true;
    }

    /** The interaction as {@code GET /api/v2/interactions/{id}} answers it. */
    Map<String, Object> asInteraction() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (confidence != ABSENT) {
            attributes.put("bot_confidence_score", confidence);
        }
        attributes.put("user_requested_transfer", userRequestedTransfer);
        attributes.put("language", "en");
        attributes.putAll(extraAttributes);
        Map<String, Object> interaction = new LinkedHashMap<>();
        interaction.put("id", id);
        interaction.put("type", type);
        interaction.put("state", state);
        if (!withoutAttributes) {
            interaction.put("attributes", attributes);
        }
        return interaction;
    }
}
