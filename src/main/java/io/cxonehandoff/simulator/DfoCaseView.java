package io.cxonehandoff.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A chat as a DFO case (docs/cxone-dfo.md, sections 4, 5 and 8). Its state gives the status and the routing queue:
 * bot_active / awaiting_response = open / pending in the bot's skill; queued / agent_active (or transferred) = open in
 * the agents' skill; completed = closed; a type other than webchat = a skill that is neither. Its confidence and
 * transfer request are the custom fields {@code bot_confidence} and {@code handoff_requested}.
 */
final class DfoCaseView {

    /** How many characters of a long message the case's message list shows. */
    static final int PREVIEW_CHARACTERS = 64;

    private static final Set<String> DFO_STATUSES = Set.of("new", "open", "pending", "escalated", "resolved", "closed",
            "trashed");

    private final SimulatorSettings settings;
    private final int agentSkillId;
    private final String botUserId;
    private final String agentUserId;

    DfoCaseView(SimulatorSettings settings) {
        this.settings = settings;
        this.agentSkillId = Integer.parseInt(settings.getQueueId());
        this.botUserId = guid("bot-user");
        this.agentUserId = guid("agent-user");
    }

    /** A tutorial state as a DFO status; a DFO status stays itself; anything else too. */
    static String status(String state) {
        if (state == null) {
            return "open";
        }
        return switch (state) {
            case "bot_active", "queued", "agent_active" -> "open";
            case "awaiting_response" -> "pending";
            case "completed" -> "closed";
            default -> state;
        };
    }

    static boolean isDfoStatus(String status) {
        return DFO_STATUSES.contains(status);
    }

    int agentSkillId() {
        return agentSkillId;
    }

    /** The skills of this tenant's routing queues: the bot's, the agents', and the one for other channels. */
    boolean isKnownSkill(int skillId) {
        return skillId == settings.getBotSkillId() || skillId == agentSkillId || skillId == settings.getOtherSkillId()
               || skillId == settings.getOverflowSkillId();
    }

    int skillOf(SimulatedChat chat) {
        Integer routed = chat.routedSkill();
        if (routed != null) {
            return routed;
        }
        if (!"webchat".equals(chat.type())) {
            return settings.getOtherSkillId();
        }
        String state = chat.state();
        if (chat.isTransferred() || "queued".equals(state) || "agent_active".equals(state)) {
            return agentSkillId;
        }
        return settings.getBotSkillId();
    }

    Map<String, Object> routingQueue(int skillId) {
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("id", routingQueueId(skillId));
        queue.put("name", skillId == settings.getBotSkillId() ? "Bot" : skillId == agentSkillId ? "Agents" : "Other");
        queue.put("skillId", skillId);
        return queue;
    }

    static String routingQueueId(int skillId) {
        return guid("routing-queue:" + skillId);
    }

    /** The case as {@code GET /dfo/3.0/contacts/{id}} answers it. */
    Map<String, Object> asCase(SimulatedChat chat) {
        return asCase(chat, null);
    }

    /** The same, with {@code stateOverride} (a tutorial state or a DFO status; null: the chat's own). */
    Map<String, Object> asCase(SimulatedChat chat, String stateOverride) {
        String state = stateOverride != null ? stateOverride : chat.state();
        int skill = skillOf(chat);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", chat.id());
        c.put("interactionId", guid("interaction:" + chat.id()));
        c.put("threadId", guid("thread:" + chat.id()));
        c.put("status", status(state));
        c.put("routingQueueId", routingQueueId(skill));
        c.put("routingQueue", routingQueue(skill));
        boolean withAgent = "agent_active".equals(state);
        boolean withBot = skill == settings.getBotSkillId() && !"queued".equals(state) && !"completed".equals(state);
        c.put("inboxAssignee", withAgent ? agentUserId : null);
        c.put("inboxAssigneeUser", withAgent ? user(agentUserId, false) : withBot ? user(botUserId, true) : null);
        if (!chat.withoutAttributes()) {
            List<Map<String, Object>> fields = new ArrayList<>();
            customFieldValues(chat).forEach((ident, value) -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("ident", ident);
                field.put("value", value);
                fields.add(field);
            });
            c.put("customFields", fields);
        }
        c.put("createdAt", chat.createdAt().toString());
        c.put("statusUpdatedAt", chat.createdAt().toString());
        return c;
    }

    /** The case's custom fields by ident, in order: the bot's two, the chat's other attributes, what was written. */
    Map<String, String> customFieldValues(SimulatedChat chat) {
        Map<String, String> values = new LinkedHashMap<>();
        Object confidence = chat.confidence();
        if (confidence != SimulatedChat.ABSENT) {
            values.put("bot_confidence", confidence == null ? null : decimal(confidence));
        }
        values.put("handoff_requested", String.valueOf(chat.userRequestedTransfer()));
        chat.extraAttributes().forEach((name, value) -> values.put(name, value == null ? null : String.valueOf(value)));
        values.putAll(chat.writtenFields());
        return values;
    }

    private static String decimal(Object value) {
        return value instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(value);
    }

    /** The case's messages, oldest first, long ones shortened as in a case's message list. */
    List<Map<String, Object>> messages(SimulatedChat chat) {
        List<Map<String, Object>> all = chat.messages();
        List<Map<String, Object>> out = new ArrayList<>(all.size());
        for (Map<String, Object> message : all) {
            out.add(message(chat, message, false));
        }
        return out;
    }

    /** One message; {@code full}: with a long message's whole text (GET /dfo/3.0/messages/{id}). */
    Map<String, Object> message(SimulatedChat chat, Map<String, Object> message, boolean full) {
        String id = (String) message.get("id");
        String author = (String) message.get("author");
        String text = (String) message.get("content");
        boolean additional = chat.hasAdditionalContent(id);
        if (additional && !full) {
            text = text.substring(0, Math.min(text.length(), PREVIEW_CHARACTERS));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", "TEXT");
        content.put("text", text);
        content.put("payload", null);
        content.put("postback", null);
        boolean customer = "customer".equals(author);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("direction", customer ? "inbound" : "outbound");
        m.put("createdAt", message.get("timestamp"));
        m.put("messageContent", content);
        m.put("authorUser", customer ? null : "agent".equals(author) ? agent() : user(botUserId, true));
        m.put("authorEndUserIdentity", customer ? Map.of("id", "customer-" + chat.id(), "fullName", "Customer " + chat.id())
                : null);
        m.put("isMadeByUser", !customer);
        m.put("hasAdditionalMessageContent", additional);
        return m;
    }

    private Map<String, Object> agent() {
        Map<String, Object> agent = user(agentUserId, false);
        agent.put("firstName", "Alex");
        agent.put("surname", "Agent");
        return agent;
    }

    private static Map<String, Object> user(String id, boolean bot) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("firstName", bot ? "Bot" : null);
        user.put("surname", bot ? "Assistant" : null);
        user.put("isBotUser", bot);
        return user;
    }

    /** The chat's message with this id, or null. Message ids are {@code <case id>-m<index>}. */
    static Map<String, Object> findMessage(SimulatedChat chat, String messageId) {
        return chat.messages().stream().filter(m -> messageId.equals(m.get("id"))).findFirst().orElse(null);
    }

    /** The case a message id belongs to (null when it is not one of ours). */
    static String caseOfMessage(String messageId) {
        int at = messageId == null ? -1 : messageId.lastIndexOf("-m");
        return at > 0 ? messageId.substring(0, at) : null;
    }

    static String guid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
