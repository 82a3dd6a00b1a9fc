package io.cxonehandoff.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.cxonehandoff.handoff.HistoryPages;
import io.cxonehandoff.support.ContextService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handoff policy's settings and the conditions of its rules that are more than a comparison
 * (routes/handoff-rules.camel.yaml holds the rules themselves, in order). Every setting is checked at start: a bad
 * one (a number that is not one, an empty list, a language that is not one) stops the start with one ERROR line
 * naming the property. The rules that read the transcript (keyword, bot timeout) have it read once per
 * decision, and the handoff then uses the same transcript.
 */
public class HandoffPolicy extends ContextService {

    /** Exchange property: the customer's latest message, from the transcript. */
    public static final String LATEST_CUSTOMER_MESSAGE = "latestCustomerMessage";
    /** Exchange property: the bot's messages in the transcript. */
    public static final String BOT_TURNS = "botTurns";
    /** Exchange property: minutes from the transcript's first message to now. */
    public static final String MINUTES_WITH_BOT = "minutesWithBot";
    /** Exchange property: the newest bot messages in a row with a low confidence, from the transcript (or null). */
    static final String TRANSCRIPT_STREAK = "lowConfidenceBotMessages";
    /** Exchange property: evaluations in a row with a low confidence (the repeated-low-confidence rule). */
    public static final String STREAK = "lowConfidenceStreak";

    private static final Logger LOG = LoggerFactory.getLogger(HandoffPolicy.class);

    private final LongSupplier clock;
    private final java.util.Map<String, String> raw = new java.util.LinkedHashMap<>();
    private KeywordRule keywords;
    private LowConfidenceStreak streak;
    private boolean keywordOn;
    private boolean timeoutOn;
    private boolean repeatedOn;
    /** The repeated-low-confidence rule counts the newest bot messages' own confidence (the transcript). */
    private boolean repeatedFromTranscript;
    private double repeatedBelow;
    private int maxBotTurns;
    private double maxMinutes;

    public HandoffPolicy() {
        this(System::currentTimeMillis);
    }

    HandoffPolicy(LongSupplier clock) {
        this.clock = clock;
    }

    /** Checked as soon as the settings can be read, before any route is built on them. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        try {
            validate();
        } catch (IllegalArgumentException bad) {
            LOG.error("Handoff policy not started: {}", bad.getMessage());
            throw bad;
        }
    }

    /** Reads and checks every setting (also callable without a context, for tests). */
    void validate() {
        for (String rule : List.of("customer-asked", "low-confidence", "repeated-low-confidence", "keyword", "sentiment",
                "priority-customer", "intent", "bot-timeout")) {
            PolicySettings.flag("handoff.rules." + rule + ".enabled", setting("handoff.rules." + rule + ".enabled"));
        }
        PolicySettings.number("handoff.confidence-threshold", setting("handoff.confidence-threshold"));
        repeatedOn = on("repeated-low-confidence");
        int ttl = PolicySettings.positive("handoff.rules.state.ttl-minutes", setting("handoff.rules.state.ttl-minutes"));
        int maxEntries = PolicySettings.positive("handoff.rules.state.max-entries", setting("handoff.rules.state.max-entries"));
        PolicySettings.positive("handoff.rules.repeated-low-confidence.turns", setting("handoff.rules.repeated-low-confidence.turns"));
        repeatedBelow = PolicySettings.number("handoff.rules.repeated-low-confidence.below",
                setting("handoff.rules.repeated-low-confidence.below"));
        streak = new LowConfidenceStreak(repeatedBelow, ttl, maxEntries, clock);
        String fromTranscript = setting("handoff.rules.repeated-low-confidence.from-transcript");
        repeatedFromTranscript = fromTranscript != null
                && PolicySettings.flag("handoff.rules.repeated-low-confidence.from-transcript", fromTranscript);
        keywordOn = on("keyword");
        if (keywordOn) {
            keywords = new KeywordRule();
            for (String language : PolicySettings.list("handoff.rules.keyword.languages", setting("handoff.rules.keyword.languages"))) {
                String lang = PolicySettings.language("handoff.rules.keyword.languages", language);
                keywords.words(lang, setting("handoff.rules.keyword.words." + lang));
            }
        }
        if (on("sentiment")) {
            PolicySettings.number("handoff.rules.sentiment.at-or-below", setting("handoff.rules.sentiment.at-or-below"));
        }
        if (on("priority-customer")) {
            PolicySettings.list("handoff.rules.priority-customer.tiers", setting("handoff.rules.priority-customer.tiers"));
        }
        if (on("intent")) {
            PolicySettings.list("handoff.rules.intent.intents", setting("handoff.rules.intent.intents"));
        }
        timeoutOn = on("bot-timeout");
        maxBotTurns = PolicySettings.positive("handoff.rules.bot-timeout.max-bot-turns", setting("handoff.rules.bot-timeout.max-bot-turns"));
        maxMinutes = PolicySettings.number("handoff.rules.bot-timeout.max-minutes", setting("handoff.rules.bot-timeout.max-minutes"));
    }

    /** Whether an enabled rule reads the transcript: then the decision reads it first. */
    public boolean needsTranscript() {
        return keywordOn || timeoutOn || repeatedOn && repeatedFromTranscript;
    }

    /** From the transcript the decision read: the latest customer message, the bot's turns, the minutes so far. */
    @SuppressWarnings("unchecked")
    public void readTranscript(Exchange exchange) {
        List<Map<String, Object>> history = exchange.getProperty(HistoryPages.HISTORY, List.class);
        String latest = null;
        int botTurns = 0;
        Instant first = null;
        for (Map<String, Object> message : history == null ? List.<Map<String, Object>>of() : history) {
            Object author = message.get("author");
            if ("customer".equals(author)) {
                latest = String.valueOf(message.get("content"));
            } else if ("bot".equals(author)) {
                botTurns++;
            }
            if (first == null) {
                first = instant(message.get("timestamp"));
            }
        }
        exchange.setProperty(LATEST_CUSTOMER_MESSAGE, latest);
        exchange.setProperty(BOT_TURNS, botTurns);
        exchange.setProperty(TRANSCRIPT_STREAK, lowAtTheEnd(exchange.getProperty(HistoryPages.BOT_CONFIDENCES, List.class)));
        exchange.setProperty(MINUTES_WITH_BOT, first == null ? 0.0
                : Math.max(0, Duration.between(first, Instant.ofEpochMilli(clock.getAsLong())).toMillis() / 60_000.0));
    }

    /**
     * The chat's low-confidence streak ({@link #STREAK}): with {@code from-transcript}, the newest bot messages in a
     * row whose own {@code confidence} is below the rule's value, when the transcript's bot messages carry one;
     * otherwise this evaluation counted into the evaluations in a row (in memory).
     */
    public void observeConfidence(@ExchangeProperty("interactionId") String id, @ExchangeProperty("botConfidence") Double score,
                                  Exchange exchange) {
        Long fromTranscript = repeatedFromTranscript ? exchange.getProperty(TRANSCRIPT_STREAK, Long.class) : null;
        exchange.setProperty(STREAK, !repeatedOn ? 0L : fromTranscript != null ? fromTranscript : streak.observe(id, score));
    }

    /** Bot messages in a row at the end below the rule's value; null when no bot message carries a confidence. */
    private Long lowAtTheEnd(List<?> confidences) {
        if (confidences == null || confidences.stream().noneMatch(Number.class::isInstance)) {
            return null;
        }
        long low = 0;
        for (int i = confidences.size() - 1; i >= 0; i--) {
            if (!(confidences.get(i) instanceof Number score) || score.doubleValue() >= repeatedBelow) {
                break;
            }
            low++;
        }
        return low;
    }

    /** The keyword rule: a keyword of the chat's language in the customer's latest message. */
    public boolean keywordFound(@ExchangeProperty(LATEST_CUSTOMER_MESSAGE) String latest, @ExchangeProperty("language") String language) {
        return keywordOn && keywords.matches(latest, language);
    }

    /** The bot-timeout rule: more bot turns, or more minutes with the bot, than the settings allow. */
    public boolean botTimedOut(@ExchangeProperty(BOT_TURNS) Integer turns, @ExchangeProperty(MINUTES_WITH_BOT) Double minutes) {
        return timeoutOn && (turns != null && turns > maxBotTurns || minutes != null && minutes > maxMinutes);
    }

    private boolean on(String rule) {
        return PolicySettings.flag("handoff.rules." + rule + ".enabled", setting("handoff.rules." + rule + ".enabled"));
    }

    private String setting(String key) {
        if (raw.containsKey(key)) {
            return raw.get(key);
        }
        if (getCamelContext() == null) {
            return null;
        }
        return getCamelContext().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    private static Instant instant(Object timestamp) {
        try {
            return timestamp == null ? null : Instant.parse(timestamp.toString());
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    /** For tests: a setting as if it came from the properties. */
    void set(String key, String value) {
        raw.put(key, value);
    }
}
