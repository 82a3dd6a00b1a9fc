package io.cxonehandoff.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;

/** The JSON bodies of the context and transfer calls (marshalled by the route). */
public class HandoffPayloads {

    private final Clock clock;
    private String source = "cxone-handoff";
    private String queueId;

    public HandoffPayloads() {
        this(Clock.systemUTC());
    }

    HandoffPayloads(Clock clock) {
        this.clock = clock;
    }

    /** {@code {"attributes": {"handoff_reason", "handoff_timestamp" (ISO-8601), "source"}}}. */
    public Map<String, Object> context(@ExchangeProperty("handoffReason") String reason,
                                       @ExchangeProperty("handoffRule") String rule,
                                       @ExchangeProperty("handoffQueue") String queue) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("handoff_reason", reason);
        attributes.put("handoff_timestamp", Instant.now(clock).toString());
        attributes.put("source", source);
        // which rule of the policy decided, and where it sends the chat (routes/handoff-rules.camel.yaml)
        attributes.put("handoff_rule", rule);
        attributes.put("handoff_queue", queue == null ? queueId : queue);
        return Map.of("attributes", attributes);
    }

    /** {@code {"target": {queue}, "context": {reason, preserved_history_count}, "history": [...]}}. */
    public Map<String, Object> transfer(@ExchangeProperty("handoffReason") String reason,
                                        @ExchangeProperty("handoffQueue") String queue,
                                        @ExchangeProperty(HistoryPages.HISTORY) List<Map<String, Object>> history) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", Map.of("type", "queue", "id", queue == null ? queueId : queue));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("handoff_reason", reason);
        context.put("preserved_history_count", history.size());
        body.put("context", context);
        body.put("history", history);
        return body;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public void setQueueId(String queueId) {
        this.queueId = queueId;
    }
}
