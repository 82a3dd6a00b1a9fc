package io.cxonehandoff.dfo;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.cxonehandoff.experience.AgentSummary;
import io.cxonehandoff.experience.TranscriptPolicy;
import io.cxonehandoff.handoff.HistoryPages;
import org.apache.camel.ExchangeProperty;

/**
 * The dfo profile's write bodies (its {@code handoffPayloads}; docs/cxone-dfo.md, section 6): the context as our
 * four custom fields only (never anyone else's), then the routing-queue change to the agents' skill. The summary
 * field counts messages by author and quotes the customer's last one, within CXone's 1,024 characters.
 */
public class CasePayloads {

    /** CXone's longest custom field value. */
    static final int MAX_VALUE = 1024;
    private static final String CUT = " […]";

    private final Clock clock;
    private String source = "cxone-handoff";
    private int agentSkill;
    private String reasonField = "handoff_reason";
    private String atField = "handoff_at";
    private String sourceField = "handoff_source";
    private String summaryField = "handoff_summary";
    private TranscriptPolicy transcriptPolicy = new TranscriptPolicy();

    public CasePayloads() {
        this(Clock.systemUTC());
    }

    CasePayloads(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code [{"ident", "value"}, ...]}: reason, time, source, summary (the agent summary's line, then the message
     * counts and the customer's last message, redacted as the transcript policy says).
     */
    public List<Map<String, String>> context(@ExchangeProperty("handoffReason") String reason,
                                             @ExchangeProperty(AgentSummary.PROPERTY) Map<String, Object> agentSummary,
                                             @ExchangeProperty(HistoryPages.HISTORY) List<Map<String, Object>> history) {
        String counts = summary(history, transcriptPolicy::redact);
        String summary = agentSummary != null && agentSummary.get("handoff_summary") instanceof String line
                ? line + "; " + counts : counts;
        return List.of(field(reasonField, reason), field(atField, Instant.now(clock).toString()),
                field(sourceField, source), field(summaryField, summary));
    }

    List<Map<String, String>> context(String reason, List<Map<String, Object>> history) {
        return context(reason, null, history);
    }

    /** {@code {"skillId": n}}: the agents' routing queue, or the one a queue rule chose (a skill id too). */
    public Map<String, Integer> transfer(@ExchangeProperty("handoffQueue") String queue) {
        return Map.of("skillId", queue == null ? agentSkill : DfoCase.skills(queue).get(0));
    }

    static String summary(List<Map<String, Object>> history) {
        return summary(history, UnaryOperator.identity());
    }

    static String summary(List<Map<String, Object>> history, UnaryOperator<String> redact) {
        Map<String, Integer> byAuthor = new LinkedHashMap<>();
        byAuthor.put("customer", 0);
        byAuthor.put("bot", 0);
        byAuthor.put("agent", 0);
        String lastCustomer = null;
        for (Map<String, Object> message : history == null ? List.<Map<String, Object>>of() : history) {
            String author = String.valueOf(message.get("author"));
            byAuthor.merge(author, 1, Integer::sum);
            if ("customer".equals(author)) {
                lastCustomer = String.valueOf(message.get("content"));
            }
        }
        StringBuilder summary = new StringBuilder("messages:");
        byAuthor.forEach((author, count) -> summary.append(' ').append(author).append(' ').append(count).append(','));
        summary.setLength(summary.length() - 1);
        if (lastCustomer != null) {
            summary.append("; last customer message: ").append(redact.apply(lastCustomer));
        }
        return cut(summary.toString());
    }

    private static String cut(String text) {
        if (text.length() <= MAX_VALUE) {
            return text;
        }
        int end = MAX_VALUE - CUT.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + CUT;
    }

    private static Map<String, String> field(String ident, String value) {
        Map<String, String> field = new LinkedHashMap<>();
        field.put("ident", ident);
        field.put("value", value == null ? "" : cut(value));
        return field;
    }

    public void setSource(String source) {
        this.source = source;
    }

    /** The agents' skill (CXONE_QUEUE_ID, an integer). */
    public void setAgentSkillId(String agentSkillId) {
        this.agentSkill = DfoCase.skills(agentSkillId).get(0);
    }

    public void setReasonField(String reasonField) {
        this.reasonField = reasonField;
    }

    public void setAtField(String atField) {
        this.atField = atField;
    }

    public void setSourceField(String sourceField) {
        this.sourceField = sourceField;
    }

    public void setSummaryField(String summaryField) {
        this.summaryField = summaryField;
    }

    /** How the customer's message in the summary is redacted (the transcriptPolicy bean). */
    public void setTranscriptPolicy(TranscriptPolicy transcriptPolicy) {
        this.transcriptPolicy = transcriptPolicy;
    }
}
