package io.cxonehandoff.handoff;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Coalesces an interaction's events in its lane ({@code lanes:} {@code aggregationStrategy}): while one event
 * that asks for an evaluation (a configured type in a configured state) still waits, another such event of the
 * same interaction adds nothing, because the evaluation reads the interaction as it is when it runs. Events that
 * mean something else (an agent taking the chat, a state the policy ignores) are never merged and stay in order
 * between the others.
 *
 * <p>The merged event is the newer one, so an evaluation never runs on less than the latest event; it keeps the
 * older one's arrival time (the customer has waited since then: the handoff latency) and the newer one's as
 * {@link #LAST_ARRIVAL}, and a replay stays a replay (the loop guard lets an operator's replay through). A catch-up entry carries the interaction as the listing answered it; that is used
 * instead of reading the interaction again only if both events carry it: a live event, whose change the listing
 * may predate, makes the evaluation read the interaction afresh.
 */
public class EventCoalescing implements AggregationStrategy {

    /** The exchange property: when the newest of the events an exchange stands for arrived (epoch ms). */
    public static final String LAST_ARRIVAL = "lastEventArrivedAt";
    static final String ARRIVAL = "eventArrivedAt";
    static final String CARRIED = ListingEntries.INTERACTION;
    static final String METER = "cxone.events.coalesced";
    /** A replayed dead letter's name: the loop guard lets a replay through, joined or not. */
    static final String REPLAY_OF = "replayOf";

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private Set<String> types = Set.of("webchat");
    private Set<String> states = Set.of("bot_active");

    @Override
    public boolean canPreComplete() {
        return true;
    }

    /** Kept apart unless both ask for an evaluation. */
    @Override
    public boolean preComplete(Exchange waiting, Exchange arriving) {
        return !(asksForEvaluation(waiting) && asksForEvaluation(arriving));
    }

    @Override
    public Exchange aggregate(Exchange waiting, Exchange arriving) {
        if (waiting == null) {
            return arriving;
        }
        arriving.setProperty(LAST_ARRIVAL, arriving.getProperty(ARRIVAL));
        arriving.setProperty(ARRIVAL, waiting.getProperty(ARRIVAL));
        if (arriving.getProperty(REPLAY_OF) == null && waiting.getProperty(REPLAY_OF) != null) {
            arriving.setProperty(REPLAY_OF, waiting.getProperty(REPLAY_OF));
        }
        Map<?, ?> body = arriving.getMessage().getBody(Map.class);
        if (carries(body) && !carries(waiting.getMessage().getBody(Map.class))) {
            Map<Object, Object> fresh = new LinkedHashMap<>(body);
            fresh.remove(CARRIED);
            arriving.getMessage().setBody(fresh);
        }
        count(arriving);
        return arriving;
    }

    private boolean asksForEvaluation(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof Map<?, ?> event
               && types.contains(String.valueOf(event.get("type")))
               && states.contains(String.valueOf(event.get("state")));
    }

    private static boolean carries(Map<?, ?> event) {
        return event != null && event.get(CARRIED) instanceof Map;
    }

    /** Called under the lanes' lock: the registry is looked up once per source, not per event. */
    private void count(Exchange exchange) {
        Object source = exchange.getProperty("eventSource");
        String tag = source == null ? "stream" : source.toString();
        Counter counter = counters.get(tag);
        if (counter == null) {
            MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
            if (registry == null) {
                return;
            }
            counter = counters.computeIfAbsent(tag, t -> registry.counter(METER, "source", t));
        }
        counter.increment();
    }

    /** The interaction types the policy evaluates (handoff.types), comma-separated. */
    public void setTypes(String types) {
        this.types = csv(types);
    }

    /** The states in which the policy evaluates an interaction (handoff.states), comma-separated. */
    public void setStates(String states) {
        this.states = csv(states);
    }

    private static Set<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
