package io.cxonehandoff.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * CXone calls per completed handoff, by operation ({@code cxone_handoff_calls{operation}} in /observe/metrics):
 * every attempt counted in {@code cxone.api.calls} (retries and 429s included) over the handoffs done
 * ({@code cxone.handoff.completed}, transferred or already transferred). The tenant's limit R bounds the
 * throughput at R / (their sum); the least a handoff can cost is one read, its history pages, one context
 * write and one transfer. A gauge per operation appears with the operation's first call.
 */
public class CallsPerHandoff {

    static final String CALLS = "cxone.api.calls";
    static final String HANDOFFS = "cxone.handoff.completed";
    static final String GAUGE = "cxone.handoff.calls";

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    /** After each counted call: the operation's gauge, once. */
    public void observe(@ExchangeProperty("cxoneOperation") String operation, Exchange exchange) {
        if (operation == null || registered.contains(operation)) {
            return;
        }
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null && registered.add(operation)) {
            Gauge.builder(GAUGE, registry, r -> of(r, operation))
                    .tag("operation", operation)
                    .description("CXone calls per completed handoff (NaN before the first handoff)")
                    .register(registry);
        }
    }

    /** Calls of one operation (null: all) per completed handoff; NaN before the first handoff. */
    public static double of(MeterRegistry registry, String operation) {
        double handoffs = sum(registry, HANDOFFS, null);
        return handoffs == 0 ? Double.NaN : sum(registry, CALLS, operation) / handoffs;
    }

    /** Calls per completed handoff for each operation called so far (empty before the first handoff). */
    public static Map<String, Double> byOperation(MeterRegistry registry) {
        Map<String, Double> calls = new TreeMap<>();
        double handoffs = sum(registry, HANDOFFS, null);
        if (handoffs > 0) {
            registry.find(CALLS).counters().forEach(c ->
                    calls.merge(String.valueOf(c.getId().getTag("operation")), c.count() / handoffs, Double::sum));
        }
        return calls;
    }

    private static double sum(MeterRegistry registry, String name, String operation) {
        var search = registry.find(name);
        if (operation != null) {
            search = search.tag("operation", operation);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
