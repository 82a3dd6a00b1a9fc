package io.cxonehandoff.experience;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private final Redaction all = new Redaction(true, true, true, "[card]", "[email]", "[phone]");

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5500 0000 0000 0004",
                            "378282246310005", "6011 1111 1111 1117"})
    void cardNumbersThatPassLuhnAreRemoved(String card) {
        assertThat(all.apply("pay with " + card + " please")).isEqualTo("pay with [card] please");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "1234 5678 9012 3456", "123456789012"})
    void numbersThatFailLuhnOrAreTooShortAreLeft(String number) {
        assertThat(all.apply("ref " + number)).isEqualTo("ref " + number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jo@example.com", "jo.doe+billing@mail.example.co.uk", "J_O-1@sub-domain.example.org"})
    void emailAddressesAreRemoved(String email) {
        assertThat(all.apply("write to " + email + ".")).isEqualTo("write to [email].");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+49 30 1234567", "+1 (415) 555-0100", "0049 30 1234567", "030 1234 5678", "415-555-0100"})
    void phoneNumbersAreRemoved(String phone) {
        assertThat(all.apply("call " + phone + " now")).isEqualTo("call [phone] now");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "order 123456789 is late|order 123456789 is late",
        "since 2026-11-23 it fails|since 2026-11-23 it fails",
        "on 23.11.2026 it broke|on 23.11.2026 it broke",
        "I want to talk to a person|I want to talk to a person",
        "version 4.17.0 and 3 items|version 4.17.0 and 3 items"})
    void textWithoutPersonalDataPassesUnchanged(String text, String expected) {
        assertThat(all.apply(text)).isEqualTo(expected);
    }

    @Test
    void eachKindIsSwitchedOnItsOwn() {
        String text = "4111 1111 1111 1111 jo@example.com +49 30 1234567";
        assertThat(new Redaction(false, true, true, "[card]", "[email]", "[phone]").apply(text))
                .startsWith("4111 1111 1111 1111").contains("[email]");
        assertThat(new Redaction(true, false, true, "[card]", "[email]", "[phone]").apply(text))
                .contains("jo@example.com").startsWith("[card]");
        assertThat(new Redaction(true, true, false, "[card]", "[email]", "[phone]").apply(text)).endsWith("+49 30 1234567");
        assertThat(new Redaction(false, false, false, "[card]", "[email]", "[phone]").apply(text)).isEqualTo(text);
    }

    @Test
    void markersAreTakenLiterally() {
        assertThat(new Redaction(true, true, true, "$1 \\card", "[email]", "[phone]").apply("4111111111111111"))
                .isEqualTo("$1 \\card");
    }

    @Test
    void nullAndEmptyPass() {
        assertThat(all.apply(null)).isNull();
        assertThat(all.apply("")).isEmpty();
    }
}
