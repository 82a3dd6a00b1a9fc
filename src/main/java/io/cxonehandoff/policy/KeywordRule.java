package io.cxonehandoff.policy;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;


/**
 * The keyword rule: words or phrases in the customer's latest message, per language, case- and
 * accent-insensitive, as whole words ("agent" matches "an Agent?" but not "agents" or "reagent"). The lists are
 * settings: {@code handoff.rules.keyword.languages} and one {@code handoff.rules.keyword.words.<language>} each.
 */
final class KeywordRule {

    private final Map<String, Pattern> byLanguage = new HashMap<>();
    private String defaultLanguage;

    /** Whether the message holds one of the keywords of its language (else the first configured language's). */
    boolean matches(String message, String language) {
        if (message == null || message.isEmpty()) {
            return false;
        }
        String lang = language == null ? defaultLanguage : language.trim().toLowerCase(Locale.ROOT);
        Pattern words = byLanguage.getOrDefault(lang, byLanguage.get(defaultLanguage));
        return words != null && words.matcher(fold(message)).find();
    }

    /** Lower case, accents gone, runs of whitespace one space: "Möchte  MIT" and "mochte mit" compare equal. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** Sets one language's words or phrases (comma separated); validated (empty list, unknown language). */
    void words(String language, String commaSeparated) {
        String lang = PolicySettings.language("handoff.rules.keyword.languages", language);
        if (defaultLanguage == null) {
            defaultLanguage = lang;
        }
        List<String> words = PolicySettings.list("handoff.rules.keyword.words." + lang, commaSeparated);
        String alternatives = String.join("|", words.stream().map(KeywordRule::fold).map(Pattern::quote).toList());
        // whole words: no letter or digit right before or after
        byLanguage.put(lang, Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])"));
    }
}
