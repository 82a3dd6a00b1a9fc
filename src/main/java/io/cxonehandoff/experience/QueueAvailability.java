package io.cxonehandoff.experience;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.cxonehandoff.policy.QueueRules;
import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the queue a handoff goes to can take it (open, with an agent available), asked before each transfer
 * ({@code GET /api/v2/queues/{id}/availability}) and remembered per queue for {@code cacheSeconds}, so one call
 * serves many handoffs (and one asks at a time per queue). When it cannot: the overflow queue if one is set, else
 * the chat stays with the bot (its customer is told when agents are back, once an episode) and is handed off
 * later, by catch-up or its next event. A check that fails decides with the last answer if it is at most a minute
 * old, else as without the check. A tenant without the endpoint (404): skipped from then on, with one INFO line.
 */
public class QueueAvailability extends ContextAwareBean {

    /** Exchange property: the queue's estimated wait (seconds), when known. */
    public static final String ESTIMATED_WAIT = "estimatedWaitSeconds";
    /** Exchange property: when the queue opens again (ISO-8601), when closed and known. */
    public static final String NEXT_OPEN = "queueNextOpen";
    /** Exchange property: what was done because the queue could not take the chat: overflow or stay_with_bot. */
    public static final String FALLBACK = "handoffFallback";

    private static final Logger LOG = LoggerFactory.getLogger(QueueAvailability.class);
    private static final String LOOKUP = "queueAvailabilityLookup";
    /** When a check fails, the last answer still decides if it is at most this old. */
    private static final long LAST_KNOWN_MILLIS = 60_000;
    private static final int MAX_HELD = 100_000;

    private record Known(Map<?, ?> answer, long at) {
    }

    private final Map<String, Known> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean unsupported = new AtomicBoolean();
    private final LongSupplier clock;
    private boolean enabled = true;
    private long cacheMillis = 5_000;
    private long lookupWaitMillis = 10_000;
    private String overflowQueue;

    public QueueAvailability() {
        this(System::currentTimeMillis);
    }

    QueueAvailability(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        if (!enabled) {
            camelContext.getPropertiesComponent().resolveProperty("handoff.availability.off-because")
                    .filter(why -> !why.isBlank())
                    .ifPresent(why -> LOG.info("The queue availability check is off in this API profile: {}", why));
        }
    }

    /**
     * Whether this handoff must ask the queue's availability: on, supported, and not known recently. One handoff
     * asks per queue at a time; the others wait for its answer (at most {@code lookupWaitMillis}), then decide with
     * what is known. The one that asks calls {@link #lookupDone} whatever the outcome.
     */
    public boolean needsLookup(Exchange exchange) {
        if (!enabled || unsupported.get() || fresh(queue(exchange))) {
            return false;
        }
        String queue = queue(exchange);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> asking = inFlight.putIfAbsent(queue, mine);
        if (asking == null) {
            if (fresh(queue)) { // answered between the two looks
                inFlight.remove(queue, mine);
                mine.complete(null);
                return false;
            }
            exchange.setProperty(LOOKUP, mine);
            return true;
        }
        try {
            asking.get(lookupWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notYet) {
            // decide with what is known
        }
        return false;
    }

    private boolean fresh(String queue) {
        Known known = cache.get(queue);
        return known != null && clock.getAsLong() - known.at() <= cacheMillis;
    }

    /** The lookup this handoff made is over (answered, failed or unsupported): the waiting ones go on. */
    public void lookupDone(Exchange exchange) {
        if (exchange.removeProperty(LOOKUP) instanceof CompletableFuture<?> lookup) {
            inFlight.remove(queue(exchange), lookup);
            lookup.complete(null);
        }
    }

    /** CXone's answer for the queue: remembered. */
    public void remember(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof Map<?, ?> answer) {
            cache.put(queue(exchange), new Known(answer, clock.getAsLong()));
        }
    }

    /** The tenant has no availability endpoint: never asked again, said once. */
    public void unsupported() {
        if (unsupported.compareAndSet(false, true)) {
            LOG.info("CXone answered 404 to the queue availability check: skipped from now on, handoffs go on as before");
        }
    }

    /** Decides from what is known: the queue as chosen, the overflow queue, or stay with the bot ({@link #FALLBACK}). */
    public void decide(Exchange exchange) {
        exchange.removeProperty(FALLBACK);
        Known known = enabled && !unsupported.get() ? cache.get(queue(exchange)) : null;
        if (known == null || clock.getAsLong() - known.at() > Math.max(cacheMillis, LAST_KNOWN_MILLIS)) {
            return; // not known (off, unsupported, or the check failed with nothing recent): go on as without it
        }
        boolean open = Boolean.TRUE.equals(known.answer().get("open"));
        int agents = known.answer().get("agents_available") instanceof Number n ? n.intValue() : 0;
        if (known.answer().get("estimated_wait_s") instanceof Number wait) {
            exchange.setProperty(ESTIMATED_WAIT, wait.intValue());
        }
        if (known.answer().get("next_open") instanceof String next) {
            exchange.setProperty(NEXT_OPEN, next);
        }
        if (open && agents > 0) {
            return;
        }
        if (overflowQueue != null && !overflowQueue.equals(queue(exchange))) {
            exchange.setProperty(QueueRules.QUEUE, overflowQueue);
            exchange.setProperty(QueueRules.QUEUE_RULE, "overflow");
            exchange.setProperty(FALLBACK, "overflow");
            exchange.removeProperty(ESTIMATED_WAIT);
        } else {
            exchange.setProperty(FALLBACK, "stay_with_bot");
        }
    }

    /**
     * Whether this bot episode was kept with the bot for the first time now (then its customer is told, once);
     * later handoffs of the episode say so in their context ({@link #heldBefore}).
     */
    public boolean firstHold(@ExchangeProperty("handoffEpisode") String episode) {
        return episode != null && held.size() < MAX_HELD && held.add(episode);
    }

    /** The episode waited with the bot for its queue before this handoff: its fallback in the context. */
    public void heldBefore(@ExchangeProperty("handoffEpisode") String episode, Exchange exchange) {
        if (episode != null && held.remove(episode) && exchange.getProperty(FALLBACK) == null) {
            exchange.setProperty(FALLBACK, "stayed_with_bot");
        }
    }

    private static String queue(Exchange exchange) {
        return String.valueOf(exchange.getProperty(QueueRules.QUEUE));
    }

    /** Whether the check is made (handoff.availability.enabled). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How long an answer is used (handoff.availability.cache-seconds). */
    public void setCacheSeconds(long seconds) {
        this.cacheMillis = TimeUnit.SECONDS.toMillis(Math.max(0, seconds));
    }

    /** Where a chat goes when its queue cannot take it (handoff.overflow-queue); empty = it stays with the bot. */
    public void setOverflowQueue(String overflowQueue) {
        this.overflowQueue = overflowQueue == null || overflowQueue.isBlank() ? null : overflowQueue.trim();
    }

    /** How long a handoff waits for another's lookup of the same queue (ms; the call deadline). */
    public void setLookupWaitMillis(long lookupWaitMillis) {
        this.lookupWaitMillis = Math.max(0, lookupWaitMillis);
    }

    public String getOverflowQueue() {
        return overflowQueue;
    }
}
