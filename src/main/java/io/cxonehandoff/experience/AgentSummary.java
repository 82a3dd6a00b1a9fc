package io.cxonehandoff.experience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cxonehandoff.handoff.HistoryPages;
import io.cxonehandoff.handoff.InteractionFacts;
import org.apache.camel.ExchangeProperty;

/**
 * What the agent reads first, in the context: why the chat came (reason, rule), what the bot last understood
 * (intent), how it went (bot turns, the customer's sentiment, minutes with the bot) and what was done because
 * the queue could not take it (fallback). Flat attributes plus one line of text ({@code handoff_summary}); no
 * message content, so nothing personal. Facts that are not known are left out, never guessed.
 */
public class AgentSummary {

    /** Exchange property: the summary's attributes, read by the payloads. */
    public static final String PROPERTY = "agentSummary";

    private final Clock clock;

    public AgentSummary() {
        this(Clock.systemUTC());
    }

    AgentSummary(Clock clock) {
        this.clock = clock;
    }

    public Map<String, Object> of(@ExchangeProperty("handoffReason") String reason,
                                  @ExchangeProperty("handoffRule") String rule,
                                  @ExchangeProperty(InteractionFacts.INTENT) String intent,
                                  @ExchangeProperty(InteractionFacts.SENTIMENT) Double sentiment,
                                  @ExchangeProperty(QueueAvailability.FALLBACK) String fallback,
                                  @ExchangeProperty(HistoryPages.HISTORY) List<Map<String, Object>> history) {
        List<Map<String, Object>> messages = history == null ? List.of() : history;
        long botTurns = messages.stream().filter(m -> "bot".equals(m.get("author"))).count();
        Long minutes = minutesSince(messages.isEmpty() ? null : messages.get(0).get("timestamp"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("handoff_fallback", fallback == null ? "none" : fallback);
        summary.put("bot_turns", botTurns);
        if (intent != null) {
            summary.put("bot_last_intent", intent);
        }
        if (sentiment != null) {
            summary.put("customer_sentiment", sentiment);
        }
        if (minutes != null) {
            summary.put("minutes_with_bot", minutes);
        }
        summary.put("handoff_summary", line(reason, rule, intent, sentiment, botTurns, minutes, fallback));
        return summary;
    }

    private static String line(String reason, String rule, String intent, Double sentiment, long botTurns, Long minutes,
                               String fallback) {
        StringBuilder text = new StringBuilder(String.valueOf(reason).replace('_', ' '));
        if (rule != null) {
            text.append(" (rule ").append(rule).append(')');
        }
        text.append(" after ").append(botTurns).append(botTurns == 1 ? " bot turn" : " bot turns");
        if (minutes != null) {
            text.append(" in ").append(minutes).append(minutes == 1 ? " minute" : " minutes");
        }
        if (intent != null) {
            text.append("; last intent ").append(intent);
        }
        if (sentiment != null) {
            text.append("; sentiment ").append(String.format(Locale.ROOT, "%.2f", sentiment));
        }
        if ("overflow".equals(fallback)) {
            text.append("; sent to the overflow queue (its own queue could not take it)");
        }
        return text.toString();
    }

    private Long minutesSince(Object timestamp) {
        if (!(timestamp instanceof String iso)) {
            return null;
        }
        try {
            Duration withBot = Duration.between(Instant.parse(iso), Instant.now(clock));
            return withBot.isNegative() ? 0L : withBot.toMinutes();
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
