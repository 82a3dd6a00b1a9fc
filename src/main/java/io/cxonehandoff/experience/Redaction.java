package io.cxonehandoff.experience;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data taken out of a text before it leaves us: card numbers (13 to 19 digits, spaces or dashes between,
 * and only if the Luhn check holds), e-mail addresses and phone numbers (9 to 15 digits, with a leading + or 00
 * or with separators between groups: a plain run of digits, such as an order number, or a date is left).
 * Each kind is switched on its own and replaced by its marker; a text without such data comes back unchanged.
 */
final class Redaction {

    private static final Pattern CARD = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,18}\\d(?![\\d])");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+|00)?\\d(?:[ ./()-]{0,2}\\d){6,16}(?![\\w])");

    private final boolean cards;
    private final boolean emails;
    private final boolean phones;
    private final String cardMarker;
    private final String emailMarker;
    private final String phoneMarker;

    Redaction(boolean cards, boolean emails, boolean phones, String cardMarker, String emailMarker, String phoneMarker) {
        this.cards = cards;
        this.emails = emails;
        this.phones = phones;
        this.cardMarker = cardMarker;
        this.emailMarker = emailMarker;
        this.phoneMarker = phoneMarker;
    }

    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        if (emails) {
            result = EMAIL.matcher(result).replaceAll(Matcher.quoteReplacement(emailMarker));
        }
        if (cards) {
            result = replace(CARD, result, Redaction::isCardNumber, cardMarker);
        }
        if (phones) {
            result = replace(PHONE, result, Redaction::isPhoneNumber, phoneMarker);
        }
        return result;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Predicate<String> accept, String marker) {
        Matcher match = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (match.find()) {
            match.appendReplacement(out, Matcher.quoteReplacement(accept.test(match.group()) ? marker : match.group()));
        }
        match.appendTail(out);
        return out.toString();
    }

    /** 13 to 19 digits whose Luhn checksum holds. */
    static boolean isCardNumber(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** 9 to 15 digits, written as a phone number: a leading + or 00, or separators between groups. */
    static boolean isPhoneNumber(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        boolean international = candidate.startsWith("+") || candidate.startsWith("00");
        boolean grouped = !candidate.matches("\\+?\\d+");
        boolean date = candidate.matches("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}") || candidate.matches("\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
        return digits.length() >= 9 && digits.length() <= 15 && (international || grouped) && !date;
    }
}
