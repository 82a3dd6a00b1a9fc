package io.cxonehandoff.handoff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every rule of the handoff policy ({@code routes/handoff-rules.camel.yaml}) switched on: each matches and does not
 * match, the first match in the file's order wins, the rule's id and reason and the chosen queue come out, the
 * guards hold, and a bad setting stops the start naming its property.
 */
class HandoffRulesTest {

    private static DecisionRoute decision;

    @BeforeAll
    static void allRulesOn() throws Exception {
        decision = new DecisionRoute(allOn());
    }

    @AfterAll
    static void stop() {
        decision.close();
    }

    static Properties allOn() {
        Properties on = new Properties();
        for (String rule : List.of("repeated-low-confidence", "keyword", "sentiment", "priority-customer", "intent", "bot-timeout")) {
            on.setProperty("handoff.rules." + rule + ".enabled", "true");
        }
        on.setProperty("handoff.queues[0].when-intent", "billing, Refund");
        on.setProperty("handoff.queues[0].queue", "billing-queue");
        on.setProperty("handoff.queues[1].when-reason", "customer_request");
        on.setProperty("handoff.queues[1].when-language", "de");
        on.setProperty("handoff.queues[1].queue", "german-requests");
        return on;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            customer asked, with a low score as well       | 0.1  | true  | 0    | standard | other          | customer-asked          | customer_request
            a low score                                    | 0.2  | false | 0    | standard | other          | low-confidence          | low_confidence
            the threshold itself is not low                | 0.35 | false | 0    | standard | other          | none                    | none
            a bad mood                                     | 0.9  | false | -0.6 | standard | other          | sentiment               | sentiment
            a mood not bad enough                          | 0.9  | false | -0.4 | standard | other          | none                    | none
            a VIP                                          | 0.9  | false | 0    | vip      | other          | priority-customer       | priority_customer
            an intent the bot must not handle              | 0.9  | false | 0    | standard | cancel_contract| intent                  | intent
            sentiment comes before intent in the file      | 0.9  | false | -0.9 | standard | cancel_contract| sentiment               | sentiment
            """)
    void theFirstMatchingRuleGivesTheReason(String what, double score, boolean requested, double sentiment, String tier, String intent,
                                             String rule, String reason) {
        Exchange decided = decision.decide(interaction("rule-" + what.hashCode(), score, requested, sentiment, tier, intent, "en"),
                transcript(2, "hello"));
        assertThat(decided.getProperty("handoffRule")).as(what).isEqualTo(rule);
        assertThat(decided.getProperty("handoffReason")).as(what).isEqualTo(reason);
    }

    @Test
    void twoLowishTurnsInARowAreARepeatedLowConfidenceAndAGoodTurnResetsTheStreak() {
        Map<String, Object> lowish = interaction("streak", 0.45, false, 0, "standard", "other", "en");
        assertThat(decision.decide(lowish, transcript(2, "hi")).getProperty("handoffRule")).isNull();
        Exchange second = decision.decide(lowish, transcript(2, "hi"));
        assertThat(second.getProperty("handoffRule")).isEqualTo("repeated-low-confidence");
        assertThat(second.getProperty("handoffReason")).isEqualTo("repeated_low_confidence");

        Map<String, Object> other = interaction("streak-reset", 0.45, false, 0, "standard", "other", "en");
        decision.decide(other, transcript(2, "hi"));
        decision.decide(interaction("streak-reset", 0.9, false, 0, "standard", "other", "en"), transcript(2, "hi"));
        assertThat(decision.decide(other, transcript(2, "hi")).getProperty("handoffRule")).as("the streak started again").isNull();
    }

    @Test
    void fromTheTranscriptTheNewestBotMessagesOwnConfidenceCounts() {
        Properties settings = allOn();
        settings.setProperty("handoff.rules.repeated-low-confidence.from-transcript", "true");
        try (DecisionRoute fromTranscript = new DecisionRoute(settings)) {
            // the interaction's score is fine; the bot's last two answers were not (below 0.5)
            Map<String, Object> fine = interaction("turns", 0.9, false, 0, "standard", "other", "en");
            Exchange decided = fromTranscript.decide(fine, scoredTranscript(0.9, 0.4, 0.3));
            assertThat(decided.getProperty("handoffRule")).as("at the first decision").isEqualTo("repeated-low-confidence");
            assertThat(fromTranscript.decide(interaction("turns-2", 0.9, false, 0, "standard", "other", "en"),
                    scoredTranscript(0.4, 0.3, 0.8)).getProperty("handoffRule")).as("the newest answer was good").isNull();
            assertThat(fromTranscript.decide(interaction("turns-3", 0.9, false, 0, "standard", "other", "en"),
                    scoredTranscript(0.9, 0.3)).getProperty("handoffRule")).as("only one low in a row").isNull();
            // bot messages without a confidence: the evaluations in a row count, as without the setting
            Map<String, Object> lowish = interaction("turns-unscored", 0.45, false, 0, "standard", "other", "en");
            assertThat(fromTranscript.decide(lowish, transcript(2, "hi")).getProperty("handoffRule")).isNull();
            assertThat(fromTranscript.decide(lowish, transcript(2, "hi")).getProperty("handoffRule"))
                    .isEqualTo("repeated-low-confidence");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Map<String, Object>> scoredTranscript(double... botConfidences) {
        List<Map<String, Object>> transcript = transcript(botConfidences.length, "hmm");
        int bot = 0;
        for (Map<String, Object> message : transcript) {
            if ("bot".equals(message.get("author"))) {
                message.put("confidence", botConfidences[bot++]);
            }
        }
        return transcript;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            Can I talk to a REPRÉSENTATIVE please?      | en | true
            I need a human                              | fr | true
            Kann ich mit jemandem   sprechen?           | de | true
            Ich möchte einen MITARBEITER                | de | true
            agents are great, thanks                    | en | false
            Die Mitarbeiterin war nett                  | de | false
            the reagent reacted                         | en | false
            """)
    void keywordsAreWholeWordsOfTheChatsLanguageWhateverTheCaseAndAccents(String latest, String language, boolean matches) {
        Exchange decided = decision.decide(interaction("kw-" + latest.hashCode(), 0.9, false, 0, "standard", "other", language),
                transcript(2, latest));
        assertThat(decided.getProperty("handoffRule")).as(latest).isEqualTo(matches ? "keyword" : null);
    }

    @Test
    void tooLongWithTheBotByTurnsOrByMinutes() {
        assertThat(decision.decide(interaction("many-turns", 0.9, false, 0, "standard", "other", "en"), transcript(21, "ok"))
                .getProperty("handoffRule")).isEqualTo("bot-timeout");
        List<Map<String, Object>> old = transcript(2, "ok");
        old.get(0).put("timestamp", Instant.now().minusSeconds(16 * 60).toString());
        assertThat(decision.decide(interaction("long-ago", 0.9, false, 0, "standard", "other", "en"), old)
                .getProperty("handoffReason")).isEqualTo("bot_timeout");
        assertThat(decision.decide(interaction("short", 0.9, false, 0, "standard", "other", "en"), transcript(20, "ok"))
                .getProperty("handoffRule")).as("20 bot turns are allowed").isNull();
    }

    @Test
    void theFirstMatchingQueueRuleChoosesTheQueueElseTheDefault() {
        Exchange billing = decision.decide(interaction("q-billing", 0.1, false, 0, "standard", "refund", "de"), transcript(2, "x"));
        assertThat(billing.getProperty("handoffQueue")).isEqualTo("billing-queue");
        assertThat(billing.getProperty("handoffQueueRule")).isEqualTo("queues[0]");
        Exchange german = decision.decide(interaction("q-german", 0.9, true, 0, "standard", "other", "DE"), transcript(2, "x"));
        assertThat(german.getProperty("handoffQueue")).isEqualTo("german-requests");
        Exchange englishRequest = decision.decide(interaction("q-en", 0.9, true, 0, "standard", "other", "en"), transcript(2, "x"));
        assertThat(englishRequest.getProperty("handoffQueue")).as("both conditions must hold").isEqualTo("default-queue");
        assertThat(englishRequest.getProperty("handoffQueueRule")).isEqualTo("default");
    }

    @Test
    void theLoopGuardLeavesAChatHandedOffThreeTimesTodayWhereItIs() {
        String id = "bouncing";
        for (int i = 0; i < 3; i++) {
            assertThat(decision.decide(interaction(id, 0.1, false, 0, "standard", "other", "en"), transcript(2, "x"))
                    .getProperty("handoffReason")).isEqualTo("low_confidence");
            decision.loopGuard.handedOff(id);
        }
        assertThat(decision.decide(interaction(id, 0.1, false, 0, "standard", "other", "en"), transcript(2, "x"))
                .getProperty("handoffReason")).as("a fourth handoff today").isNull();

        decision.loopGuard.deadLettered("failing");
        decision.loopGuard.deadLettered("failing");
        assertThat(decision.decide(interaction("failing", 0.1, false, 0, "standard", "other", "en"), transcript(2, "x"))
                .getProperty("handoffReason")).as("failed for good twice: not again by itself").isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            handoff.rules.sentiment.at-or-below        | very low  | handoff.rules.sentiment.at-or-below: 'very low' is not a number
            handoff.rules.repeated-low-confidence.turns| 1.5       | handoff.rules.repeated-low-confidence.turns: '1.5' is not a whole number of at least 1
            handoff.rules.intent.intents               | ' , '     | handoff.rules.intent.intents: the list is empty
            handoff.rules.keyword.languages            | en,xx     | handoff.rules.keyword.languages: 'xx' is not a language (ISO 639-1, e.g. en, de)
            handoff.rules.keyword.words.en             | ,         | handoff.rules.keyword.words.en: the list is empty
            handoff.rules.bot-timeout.enabled          | yes       | handoff.rules.bot-timeout.enabled: 'yes' is neither true nor false
            handoff.queues[2].when-intent              | billing   | handoff.queues[2].queue: missing
            handoff.queues[2].when-mood                | sad       | handoff.queues[2].when-mood: unknown condition
            """)
    void aBadSettingStopsTheStartNamingItsProperty(String key, String value, String message) {
        Properties bad = allOn();
        bad.setProperty(key, value);
        if (key.startsWith("handoff.queues[2]") && !key.endsWith("when-intent")) {
            bad.setProperty("handoff.queues[2].queue", "q");
        }
        assertThatThrownBy(() -> new DecisionRoute(bad).close()).hasStackTraceContaining(message);
    }

    private static Map<String, Object> interaction(String id, double score, boolean requested, double sentiment, String tier,
                                                   String intent, String language) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("bot_confidence_score", score);
        attributes.put("user_requested_transfer", requested);
        attributes.put("customer_sentiment", sentiment);
        attributes.put("tier", tier);
        attributes.put("intent", intent);
        attributes.put("language", language);
        Map<String, Object> interaction = new HashMap<>(Map.of("id", id, "type", "webchat", "state", "bot_active"));
        interaction.put("attributes", attributes);
        return interaction;
    }

    /** {@code botTurns} exchanges of customer and bot, a minute old, ending with the customer's {@code latest}. */
    private static List<Map<String, Object>> transcript(int botTurns, String latest) {
        List<Map<String, Object>> transcript = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(60);
        for (int i = 0; i < botTurns; i++) {
            transcript.add(message("customer", "question " + i, start.plusSeconds(i)));
            transcript.add(message("bot", "answer " + i, start.plusSeconds(i)));
        }
        transcript.add(message("customer", latest, start.plusSeconds(botTurns)));
        return transcript;
    }

    private static Map<String, Object> message(String author, String content, Instant at) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "text");
        message.put("author", author);
        message.put("content", content);
        message.put("timestamp", at.toString());
        return message;
    }
}
