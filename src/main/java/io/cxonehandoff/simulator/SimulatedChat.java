package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chat held by the simulator: the interaction as GET answers it, and its message history. In the dfo profile
 * the same chat is a case ({@link DfoCaseView}); what the integration wrote to it (custom fields, a routing
 * queue) is kept here too.
 */
public final class SimulatedChat {

    /** Marker for "attribute absent" (as opposed to JSON null). */
    static final Object ABSENT = new Object();

    private static final AtomicLong CREATED = new AtomicLong();

    private final String id;
    private final String type;
    private final Map<String, Object> extraAttributes;
    private final Set<String> additionalContent;
    private final boolean withoutAttributes;
    private final boolean repeatsCursor;
    /** Creation order (a search sorted by creation time needs a total order; instants tie). */
    private final long sequence = CREATED.incrementAndGet();
    private final Instant createdAt = Instant.now();
    private final Map<String, String> writtenFields = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Object confidence;
    private volatile boolean userRequestedTransfer;
    private volatile List<Map<String, Object>> messages;
    private volatile String state;
    private volatile boolean transferred;
    private volatile boolean assigned;
    private volatile String queue;
    private volatile Integer routedSkill;
    /** Changes whenever the bot takes the chat (again): the bot episode the exactly-once record is per. */
    private volatile String botSession;
    private int episodes = 1;

    SimulatedChat(String id, String type, String state, Object confidence, boolean userRequestedTransfer,
                  Map<String, Object> extraAttributes, List<Map<String, Object>> messages, boolean withoutAttributes,
                  boolean repeatsCursor, Set<String> additionalContent) {
        this.withoutAttributes = withoutAttributes;
        this.repeatsCursor = repeatsCursor;
        this.id = id;
        this.type = type;
        this.state = state;
        this.confidence = confidence;
        this.userRequestedTransfer = userRequestedTransfer;
        this.extraAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(extraAttributes));
        this.messages = List.copyOf(messages);
        this.additionalContent = Set.copyOf(additionalContent);
        this.botSession = id + "-bot-1";
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
        return transfer(null);
    }

    /**
     * A transfer to {@code toQueue}: the first one queues the chat; a queued chat that no agent has taken yet may
     * move to another queue (an overflow); anything else answers 409.
     */
    synchronized boolean transfer(String toQueue) {
        if ("completed".equals(state)) {
            return false;
        }
        if (!transferred) {
            transferred = true;
            state = "queued";
            queue = toQueue;
            return true;
        }
        if (!assigned && "queued".equals(state) && toQueue != null && !toQueue.equals(queue)) {
            queue = toQueue;
            return true;
        }
        return false;
    }

    /** An agent took the chat (the simulator's agent desk). */
    synchronized boolean assign() {
        if (!transferred || assigned || !"queued".equals(state)) {
            return false;
        }
        assigned = true;
        state = "agent_active";
        return true;
    }

    String queue() {
        return queue;
    }

    /** Transferred by someone else (another replica, an agent) to {@code toQueue}: our transfer there answers 409. */
    synchronized void markTransferred(String toQueue) {
        transferred = true;
        if (queue == null) {
            queue = toQueue;
        }
    }

    /** An agent hands the chat back to the bot: a new bot episode, and a transfer is possible again. */
    synchronized void handBack() {
        transferred = false;
        assigned = false;
        queue = null;
        routedSkill = null; // dfo: back in the bot's skill
        state = "bot_active";
        botSession = id + "-bot-" + (++episodes);
    }

    String botSession() {
        return botSession;
    }

    // ---- what the bot changes as a conversation goes on (the dfo generator) ------------------------------

    Object confidence() {
        return confidence;
    }

    boolean userRequestedTransfer() {
        return userRequestedTransfer;
    }

    void setConfidence(Object confidence) {
        this.confidence = confidence;
    }

    void setUserRequestedTransfer(boolean requested) {
        this.userRequestedTransfer = requested;
    }

    synchronized void addMessages(List<Map<String, Object>> more) {
        List<Map<String, Object>> all = new ArrayList<>(messages);
        all.addAll(more);
        messages = List.copyOf(all);
    }

    // ---- the dfo case's own state ---------------------------------------------------------------------

    Map<String, Object> extraAttributes() {
        return extraAttributes;
    }

    boolean withoutAttributes() {
        return withoutAttributes;
    }

    /** The message's full text is only at GET /dfo/3.0/messages/{id}. */
    boolean hasAdditionalContent(String messageId) {
        return additionalContent.contains(messageId);
    }

    long sequence() {
        return sequence;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Custom fields written by a PUT, by ident (a value may be null); later writes of an ident replace it. */
    void writeFields(Map<String, String> fields) {
        writtenFields.putAll(fields);
    }

    Map<String, String> writtenFields() {
        synchronized (writtenFields) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(writtenFields));
        }
    }

    /** The skill a routing-queue PUT moved the case to (null: none yet). */
    Integer routedSkill() {
        return routedSkill;
    }

    void routeTo(int skillId) {
        this.routedSkill = skillId;
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
        interaction.put("bot_session", botSession);
        if (!withoutAttributes) {
            interaction.put("attributes", attributes);
        }
        return interaction;
    }
}
