package io.cxonehandoff.experience;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerMessagesTest {

    private static CamelContext contextWith(String... keysAndValues) {
        CamelContext camel = new DefaultCamelContext();
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        camel.getPropertiesComponent().setInitialProperties(properties);
        return camel;
    }

    private static final String[] ENGLISH = {
        "handoff.customer-message.acknowledgement.en", "Connecting{wait}.",
        "handoff.customer-message.closed.en", "Closed{next_open}.",
        "handoff.customer-message.assignment-timeout.en", "Still busy."};

    @Test
    void aLanguageWithoutAllItsTextsStopsTheStartNamingTheKey() {
        CustomerMessages messages = new CustomerMessages();
        messages.setLanguages("en,de");
        assertThatThrownBy(() -> messages.setCamelContext(contextWith(ENGLISH)))
                .hasMessageContaining("handoff.customer-message.acknowledgement.de");
    }

    @Test
    void waitAndNextOpeningAreFilledInWhenKnownAndLeftOutWhenNot() {
        CamelContext camel = contextWith(ENGLISH);
        CustomerMessages messages = new CustomerMessages();
        messages.setLanguages("en");
        messages.setCamelContext(camel);
        Exchange exchange = new DefaultExchange(camel);
        assertThat(messages.text("acknowledgement", "EN", null, exchange)).isEqualTo("Connecting.");
        exchange.setProperty(QueueAvailability.ESTIMATED_WAIT, 61);
        assertThat(messages.text("acknowledgement", "en", null, exchange)).isEqualTo("Connecting - about 2 min.");
        exchange.setProperty(QueueAvailability.NEXT_OPEN, "2026-12-02T07:30:00Z");
        assertThat(messages.text("closed", "en", null, exchange)).isEqualTo("Closed (back at 07:30 UTC).");
        exchange.setProperty(QueueAvailability.NEXT_OPEN, "not a time");
        assertThat(messages.text("closed", "en", null, exchange)).isEqualTo("Closed.");
    }

    @Test
    void offSendsNothingAndNeedsNoTexts() {
        CustomerMessages messages = new CustomerMessages();
        messages.setEnabled(false);
        messages.setCamelContext(contextWith());
        assertThat(messages.sends()).isFalse();
    }

    @Test
    void aTenantWithoutTheEndpointIsNotAskedAgain() {
        CustomerMessages messages = new CustomerMessages();
        messages.setLanguages("en");
        messages.setCamelContext(contextWith(ENGLISH));
        assertThat(messages.sends()).isTrue();
        messages.unsupported();
        assertThat(messages.sends()).isFalse();
    }
}
