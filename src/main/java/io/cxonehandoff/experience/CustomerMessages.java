package io.cxonehandoff.experience;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the customer is told around the transfer, per kind, language and reason (settings
 * {@code handoff.customer-message.<kind>.<language>[.<reason>]}): {@code acknowledgement} once a transfer is
 * accepted ({wait} = the queue's estimated wait, when known), {@code closed} when no agent can take the chat
 * ({next_open}), {@code assignment-timeout} when no agent took it in time. Checked at start: every configured
 * language has a text of each kind. A tenant without the endpoint (404): skipped from then on, one INFO line.
 */
public class CustomerMessages extends ContextAwareBean {

    /** Exchange property: which kind of message to send. */
    public static final String KIND = "customerMessageKind";
    static final List<String> KINDS = List.of("acknowledgement", "closed", "assignment-timeout");
    private static final Logger LOG = LoggerFactory.getLogger(CustomerMessages.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Map<String, String> texts = new LinkedHashMap<>();
    private final AtomicBoolean unsupported = new AtomicBoolean();
    private List<String> languages = List.of("en");
    private boolean enabled = true;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        if (!enabled) {
            camelContext.getPropertiesComponent().resolveProperty("handoff.customer-message.off-because")
                    .filter(why -> !why.isBlank())
                    .ifPresent(why -> LOG.info("Messages to customers are off in this API profile: {}", why));
            return;
        }
        for (String language : languages) {
            for (String kind : KINDS) {
                String key = "handoff.customer-message." + kind + "." + language;
                String text = camelContext.getPropertiesComponent().resolveProperty(key).orElse(null);
                if (text == null || text.isBlank()) {
                    LOG.error("Customer messages not started: {}: missing", key);
                    throw new IllegalArgumentException(key + ": missing (a text for every kind and language)");
                }
                texts.put(kind + "." + language, text);
            }
        }
        for (String language : languages) {
            texts.put("wait." + language, setting(camelContext, "handoff.customer-message.wait." + language, " - about {minutes} min"));
            texts.put("next-open." + language, setting(camelContext, "handoff.customer-message.next-open." + language, " (back at {time})"));
        }
    }

    private static String setting(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    /** The message's body: {@code {"author": "system", "content": ...}}. */
    public Map<String, String> body(@ExchangeProperty(KIND) String kind, @ExchangeProperty("language") String language,
                                    @ExchangeProperty("handoffReason") String reason, Exchange exchange) {
        return Map.of("author", "system", "content", text(kind, language, reason, exchange));
    }

    String text(String kind, String language, String reason, Exchange exchange) {
        String lang = language != null && languages.contains(language.trim().toLowerCase(Locale.ROOT))
                ? language.trim().toLowerCase(Locale.ROOT) : languages.get(0);
        String perReason = reason == null ? null : getCamelContext().getPropertiesComponent()
                .resolveProperty("handoff.customer-message." + kind + "." + lang + "." + reason).orElse(null);
        String text = perReason != null ? perReason : texts.get(kind + "." + lang);
        Integer waitSeconds = exchange.getProperty(QueueAvailability.ESTIMATED_WAIT, Integer.class);
        String wait = waitSeconds == null || waitSeconds <= 0 ? ""
                : texts.get("wait." + lang).replace("{minutes}", String.valueOf(Math.max(1, (waitSeconds + 59) / 60)));
        String nextOpen = time(exchange.getProperty(QueueAvailability.NEXT_OPEN, String.class));
        return text.replace("{wait}", wait)
                .replace("{next_open}", nextOpen == null ? "" : texts.get("next-open." + lang).replace("{time}", nextOpen));
    }

    /** Whether messages are sent: on, and the tenant has the endpoint. */
    public boolean sends() {
        return enabled && !unsupported.get();
    }

    /** The tenant has no message endpoint (404): never tried again, said once. */
    public void unsupported() {
        if (unsupported.compareAndSet(false, true)) {
            LOG.info("CXone answered 404 to a message to a customer: messages to customers are skipped from now on, handoffs go on as before");
        }
    }

    private static String time(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    /** Whether customers get messages at all (handoff.customer-message.enabled). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Languages with texts, the first is used for a chat in another language (handoff.customer-message.languages). */
    public void setLanguages(String languages) {
        this.languages = java.util.Arrays.stream(languages.split(",")).map(String::trim).filter(l -> !l.isEmpty())
                .map(l -> l.toLowerCase(Locale.ROOT)).toList();
        if (this.languages.isEmpty()) {
            throw new IllegalArgumentException("handoff.customer-message.languages: the list is empty");
        }
    }
}
