package io.cxonehandoff.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** DFO event envelopes (docs/cxone-dfo.md section 3) for a case, and the EventInS3 wrapper of one. */
final class DfoEvents {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final DfoCaseView view;
    private final SimulatorSettings settings;

    DfoEvents(DfoCaseView view, SimulatorSettings settings) {
        this.view = view;
        this.settings = settings;
    }

    /** An event of {@code eventType} about the chat's case as it is now ({@code stateOverride}: another status). */
    Map<String, Object> envelope(SimulatedChat chat, String eventType, String stateOverride, String traceId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("brand", Map.of("id", 1001, "tenantId", settings.getTenantId()));
        data.put("channel", channel(chat.type()));
        data.put("case", view.asCase(chat, stateOverride));
        if (CaseEvent.ROUTING_QUEUE_CHANGED.equals(eventType) || CaseEvent.CASE_CREATED.equals(eventType)) {
            data.put("routingQueue", view.routingQueue(view.skillOf(chat)));
        }
        if (CaseEvent.MESSAGE_ADDED.equals(eventType)) {
            List<Map<String, Object>> messages = chat.messages();
            if (!messages.isEmpty()) {
                data.put("message", view.message(chat, messages.get(messages.size() - 1), false));
            }
        }
        if (CaseEvent.INBOX_ASSIGNEE_CHANGED.equals(eventType)) {
            data.put("inboxAssignee", ((Map<?, ?>) data.get("case")).get("inboxAssigneeUser"));
        }
        Map<String, Object> event = head(CaseEvent.MESSAGE_ADDED.equals(eventType) ? "Message" : "Case", eventType,
                traceId);
        event.put("data", data);
        return event;
    }

    /** The socket's frame for an event held in a bucket: its URL, and the event's head as {@code originEvent}. */
    Map<String, Object> inS3(Map<String, Object> origin, String url) {
        Map<String, Object> originHead = new LinkedHashMap<>(origin);
        originHead.remove("data");
        Map<String, Object> event = head("S3Object", "EventInS3", null);
        event.put("data", Map.of("s3Object", Map.of("url", url)));
        event.put("originEvent", originHead);
        return event;
    }

    private static Map<String, Object> head(String eventObject, String eventType, String traceId) {
        Instant now = Instant.now();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("eventObject", eventObject);
        event.put("eventType", eventType);
        event.put("createdAt", SECONDS.format(now));
        event.put("createdAtWithMilliseconds", MILLIS.format(now));
        if (traceId != null) {
            event.put("traceId", traceId);
        }
        return event;
    }

    private static Map<String, Object> channel(String type) {
        boolean chat = "webchat".equals(type);
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("id", (chat ? "chat" : type) + "_" + DfoCaseView.guid("channel:" + type));
        channel.put("name", chat ? "Web chat" : type);
        channel.put("integrationBoxIdent", chat ? "chat" : type);
        return channel;
    }
}
