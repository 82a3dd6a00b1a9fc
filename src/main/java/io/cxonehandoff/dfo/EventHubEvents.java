package io.cxonehandoff.dfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.cxonehandoff.api.StreamEvents;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The DFO event hub's events as the lanes' events (docs/cxone-dfo.md, section 3): {@code {"type": "case",
 * "id": <case id>, "state": <case status>, "source": "stream", "eventType", "traceId"}}. The decision reads the
 * case again, so only the types that may change it count; the rest is ignored and counted (by kind, never by the
 * upstream's own words: metric tags stay few). An {@code EventInS3} is fetched from its URL first, if the URL is
 * one we fetch from. The event our own transfer caused triggers nothing ({@link OwnTransfers}: its trace id, or
 * the case's change still on its way, since the event may overtake the change's answer). A
 * {@code CaseInboxAssigneeChanged} to a user who is not a bot is the state {@code agent_assigned}, as in the
 * tutorial stream.
 */
public class EventHubEvents implements StreamEvents {

    /** The lanes' state of an event that says an agent took the chat (the tutorial stream's own word). */
    static final String AGENT_ASSIGNED = "agent_assigned";
    private static final String ROUTING_QUEUE_CHANGED = "CaseToRoutingQueueAssignmentChanged";
    private static final Set<String> HANDLED = Set.of("CaseCreated", "CaseStatusChanged",
            "CaseToRoutingQueueAssignmentChanged", "MessageAddedIntoCase", "CaseInboxAssigneeChanged");

    private OwnTransfers ownTransfers;
    private Pattern payloadUrls = Pattern.compile("https://[A-Za-z0-9.-]+\\.amazonaws\\.com/.*");

    @Override
    public Map<String, Object> toEvent(@Body Map<String, Object> frame, Exchange exchange) {
        exchange.removeProperty(PAYLOAD_URL);
        Object type = frame.get("eventType");
        if ("EventInS3".equals(type)) {
            return elsewhere(frame, exchange);
        }
        if (!(type instanceof String eventType) || !HANDLED.contains(eventType)) {
            exchange.setProperty(IGNORED, "unhandled_type");
            return frame;
        }
        Map<?, ?> theCase = frame.get("data") instanceof Map<?, ?> data && data.get("case") instanceof Map<?, ?> c ? c : Map.of();
        if (isOwnTransfer(frame, eventType, DfoCase.id(theCase))) {
            exchange.setProperty(IGNORED, "own_transfer");
            return frame;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "case");
        event.put("id", DfoCase.id(theCase));
        // an agent (not the bot's user) took the case: the assignment a transfer waits for
        event.put("state", "CaseInboxAssigneeChanged".equals(eventType) && toAnAgent(frame.get("data"), theCase)
                ? AGENT_ASSIGNED : DfoCase.status(theCase));
        event.put("source", "stream");
        event.put("eventType", eventType);
        if (frame.get("traceId") != null) {
            event.put("traceId", String.valueOf(frame.get("traceId")));
        }
        return event;
    }

    /** The event's new assignee (data.inboxAssignee, else the case's inboxAssigneeUser) is a user not marked as a bot (a channel
     * that hides personal data may drop isBotUser: then, as for messages, an agent; assumed). */
    private static boolean toAnAgent(Object data, Map<?, ?> theCase) {
        Object assignee = data instanceof Map<?, ?> d && d.get("inboxAssignee") instanceof Map<?, ?> a ? a
                : theCase.get("inboxAssigneeUser");
        return assignee instanceof Map<?, ?> user && user.get("id") != null && !Boolean.TRUE.equals(user.get("isBotUser"));
    }

    /** Caused by our routing-queue change: its trace id, or a queue change of a case whose change is on its way. */
    private boolean isOwnTransfer(Map<String, Object> frame, String eventType, String caseId) {
        if (ownTransfers == null) {
            return false;
        }
        if (frame.get("traceId") instanceof String traceId && ownTransfers.isOurs(traceId)) {
            return true;
        }
        return ROUTING_QUEUE_CHANGED.equals(eventType) && ownTransfers.isInFlight(caseId);
    }

    private Map<String, Object> elsewhere(Map<String, Object> frame, Exchange exchange) {
        if (exchange.getProperty("eventPayloadFetched") != null) {
            exchange.setProperty(IGNORED, "nested_payload"); // an S3 payload that points at S3 again
            return frame;
        }
        Object url = frame.get("data") instanceof Map<?, ?> data && data.get("s3Object") instanceof Map<?, ?> s3
                ? s3.get("url") : null;
        if (!(url instanceof String link) || link.length() > 2_048 || !payloadUrls.matcher(link).matches()) {
            exchange.setProperty(IGNORED, "payload_url_refused");
            return frame;
        }
        exchange.setProperty(PAYLOAD_URL, link);
        exchange.setProperty("eventPayloadFetched", true);
        return frame;
    }

    public void setOwnTransfers(OwnTransfers ownTransfers) {
        this.ownTransfers = ownTransfers;
    }

    /** The URLs an EventInS3 payload is fetched from (cxone.dfo.s3-url-pattern, a whole-URL regular expression). */
    public void setPayloadUrlPattern(String pattern) {
        this.payloadUrls = Pattern.compile(pattern);
    }
}
