package io.cxonehandoff.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading the handoff policy's settings so that a bad one stops the start with one line naming the property
 * (a number that is not one, an empty list, a language that is not one).
 */
final class PolicySettings {

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private PolicySettings() {
    }

    static double number(String property, String value) {
        try {
            double number = Double.parseDouble(value.trim());
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException | NullPointerException notANumber) {
            // below
        }
        throw new IllegalArgumentException(property + ": '" + value + "' is not a number");
    }

    static int positive(String property, String value) {
        double number = number(property, value);
        if (number < 1 || number != Math.rint(number)) {
            throw new IllegalArgumentException(property + ": '" + value + "' is not a whole number of at least 1");
        }
        return (int) number;
    }

    static boolean flag(String property, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(property + ": '" + value + "' is neither true nor false");
        }
        return text.equals("true");
    }

    /** A comma-separated list that must not be empty. */
    static List<String> list(String property, String value) {
        List<String> items = value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException(property + ": the list is empty");
        }
        return items;
    }

    static String language(String property, String code) {
        String language = code.trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(property + ": '" + code + "' is not a language (ISO 639-1, e.g. en, de)");
        }
        return language;
    }
}
