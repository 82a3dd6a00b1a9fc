package io.cxonehandoff.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxonehandoff.experience.AgentSummary;
import io.cxonehandoff.experience.TranscriptPolicy;
import org.apache.camel.ExchangeProperty;

/**
 * The JSON bodies of the context and transfer calls (marshalled by the route): the context with the agent's
 * summary ({@link AgentSummary}), the transfer with the transcript as the agent may receive it
 * ({@link TranscriptPolicy}: redacted, capped). The history read for the decision is never changed.
 */
public class HandoffPayloads {

    private final Clock clock;
    private String source = "cxone-handoff";
    private String queueId;
    private TranscriptPolicy transcriptPolicy = new TranscriptPolicy();

    public HandoffPayloads() {
        this(Clock.systemUTC());
    }

    HandoffPayloads(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code {"attributes": {"handoff_reason", "handoff_timestamp" (ISO-8601), "source", "handoff_rule",
     * "handoff_queue", and the agent summary's}}}.
     */
    public Map<String, Object> context(@ExchangeProperty("handoffReason") String reason,
                                       @ExchangeProperty("handoffRule") String rule,
                                       @ExchangeProperty("handoffQueue") String queue,
                                       @ExchangeProperty(AgentSummary.PROPERTY) Map<String, Object> summary) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("handoff_reason", reason);
        attributes.put("handoff_timestamp", Instant.now(clock).toString());
        attributes.put("source", source);
        // which rule of the policy decided, and where it sends the chat (routes/handoff-rules.camel.yaml)
        attributes.put("handoff_rule", rule);
        attributes.put("handoff_queue", queue == null ? queueId : queue);
        if (summary != null) {
            attributes.putAll(summary);
        }
        return Map.of("attributes", attributes);
    }

    /**
     * {@code {"target": {queue}, "context": {reason, preserved_history_count[, omitted_history_count]},
     * "history": [...]}}: the history as the transcript policy lets it go (the count is what is sent).
     */
    public Map<String, Object> transfer(@ExchangeProperty("handoffReason") String reason,
                                        @ExchangeProperty("handoffQueue") String queue,
                                        @ExchangeProperty(HistoryPages.HISTORY) List<Map<String, Object>> history) {
        TranscriptPolicy.Transcript transcript = transcriptPolicy.transcript(history);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", Map.of("type", "queue", "id", queue == null ? queueId : queue));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("handoff_reason", reason);
        context.put("preserved_history_count", transcript.kept());
        if (transcript.omitted() > 0) {
            context.put("omitted_history_count", transcript.omitted());
        }
        body.put("context", context);
        body.put("history", transcript.messages());
        return body;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public void setQueueId(String queueId) {
        this.queueId = queueId;
    }

    /** What of the history reaches the agent (the transcriptPolicy bean). */
    public void setTranscriptPolicy(TranscriptPolicy transcriptPolicy) {
        this.transcriptPolicy = transcriptPolicy;
    }
}
