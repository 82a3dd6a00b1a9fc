package io.cxonehandoff.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxonehandoff.support.ContextService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which agent queue a handoff goes to: ordered rules in the settings, the first whose conditions all hold wins,
 * else {@code CXONE_QUEUE_ID}.
 * <pre>
 * handoff.queues[0].when-intent=billing,refund
 * handoff.queues[0].when-language=de
 * handoff.queues[0].queue=billing-de
 * handoff.queues[1].when-tier=vip
 * handoff.queues[1].queue=vip-desk
 * </pre>
 * Conditions: {@code when-intent}, {@code when-language}, {@code when-tier}, {@code when-reason} (comma-separated
 * values, case-insensitive). The chosen queue and the rule ({@code queues[0]}, or {@code default}) go into the
 * context. Checked at start: a rule without a queue or without a condition, or with an unknown condition, stops it.
 */
public class QueueRules extends ContextService {

    /** Exchange property: the queue the handoff goes to. */
    public static final String QUEUE = "handoffQueue";
    /** Exchange property: the queue rule that chose it. */
    public static final String QUEUE_RULE = "handoffQueueRule";

    private static final Logger LOG = LoggerFactory.getLogger(QueueRules.class);
    private static final Pattern KEY = Pattern.compile("handoff\\.queues\\[(\\d+)]\\.([a-z-]+)");
    private static final Map<String, String> CONDITIONS = Map.of("when-intent", "intent", "when-language", "language",
            "when-tier", "tier", "when-reason", "handoffReason");

    private final List<Rule> rules = new ArrayList<>();
    private String defaultQueue;

    record Rule(String id, String queue, Map<String, List<String>> conditions) {
        boolean matches(Exchange exchange) {
            return conditions.entrySet().stream().allMatch(condition -> {
                Object value = exchange.getProperty(condition.getKey());
                return value != null && condition.getValue().contains(value.toString().trim().toLowerCase(Locale.ROOT));
            });
        }
    }

    /** Checked as soon as the settings can be read, before any route is built. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        try {
            load(getCamelContext().getPropertiesComponent().loadProperties(key -> key.startsWith("handoff.queues[")));
        } catch (IllegalArgumentException bad) {
            LOG.error("Handoff queue rules not started: {}", bad.getMessage());
            throw bad;
        }
    }

    /** Reads the rules from the settings (in index order). */
    void load(Properties settings) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (String key : settings.stringPropertyNames()) {
            Matcher rule = KEY.matcher(key);
            if (!rule.matches()) {
                throw new IllegalArgumentException(key + ": not a queue rule setting (handoff.queues[n].when-intent, "
                        + "when-language, when-tier, when-reason, queue)");
            }
            byIndex.computeIfAbsent(Integer.valueOf(rule.group(1)), i -> new TreeMap<>()).put(rule.group(2), settings.getProperty(key));
        }
        rules.clear();
        byIndex.forEach((index, settingsOfRule) -> {
            String id = "queues[" + index + "]";
            String queue = settingsOfRule.remove("queue");
            if (queue == null || queue.isBlank()) {
                throw new IllegalArgumentException("handoff." + id + ".queue: missing");
            }
            Map<String, List<String>> conditions = new TreeMap<>();
            settingsOfRule.forEach((name, values) -> {
                String property = CONDITIONS.get(name);
                if (property == null) {
                    throw new IllegalArgumentException("handoff." + id + "." + name + ": unknown condition (when-intent, "
                            + "when-language, when-tier, when-reason)");
                }
                conditions.put(property, PolicySettings.list("handoff." + id + "." + name, values).stream()
                        .map(v -> v.toLowerCase(Locale.ROOT)).toList());
            });
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("handoff." + id + ": a queue rule needs at least one when-... condition");
            }
            rules.add(new Rule(id, queue.trim(), conditions));
        });
    }

    /** Sets {@link #QUEUE} and {@link #QUEUE_RULE} for the handoff under way. */
    public void select(Exchange exchange) {
        for (Rule rule : rules) {
            if (rule.matches(exchange)) {
                exchange.setProperty(QUEUE, rule.queue());
                exchange.setProperty(QUEUE_RULE, rule.id());
                return;
            }
        }
        exchange.setProperty(QUEUE, defaultQueue);
        exchange.setProperty(QUEUE_RULE, "default");
    }

    /** The queue when no rule matches (CXONE_QUEUE_ID). */
    public void setDefaultQueue(String defaultQueue) {
        this.defaultQueue = defaultQueue;
    }
}
