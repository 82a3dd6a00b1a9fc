package io.cxonehandoff.experience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.cxonehandoff.policy.QueueRules;
import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.ExchangeProperty;

/**
 * After a transfer: is an agent assigned (the interaction's event {@code agent_assigned}; dfo:
 * {@code CaseInboxAssigneeChanged}) within {@code handoff.assign-timeout-seconds}? Records the time to agent (from
 * the triggering event to the assignment) as {@code cxone_handoff_time_to_agent_seconds{reason,queue}}; hands the
 * overdue ones to the timeout route (a message to the customer, the overflow queue once). In memory, bounded; a
 * restart forgets the chats being watched (documented).
 */
public class AssignmentWatch extends ContextAwareBean {

    /** Exchange property: the transfer was the overflow after a timeout (never another one). */
    public static final String OVERFLOWED = "assignmentOverflowed";
    private static final int MAX_WATCHED = 100_000;
    /** After its timeout a chat is still watched (for its time to agent) this many timeouts long, then forgotten. */
    private static final int KEPT_TIMEOUTS = 12;

    private record Watched(String id, String reason, String queue, String language, long triggeredAt, long transferredAt,
                           boolean overflowed, boolean timedOut) {
    }

    private final LongSupplier clock;
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private long timeoutMillis = TimeUnit.MINUTES.toMillis(5);

    public AssignmentWatch() {
        this(System::currentTimeMillis);
    }

    AssignmentWatch(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * A transfer was accepted: watch for the agent. The overflow after a timeout is watched too (for the time to
     * agent, from the same trigger) but never times out again: the customer was told once, and it moved once.
     */
    public synchronized void transferred(@ExchangeProperty("interactionId") String id, @ExchangeProperty("handoffReason") String reason,
                                         @ExchangeProperty(QueueRules.QUEUE) String queue, @ExchangeProperty("language") String language,
                                         @ExchangeProperty("eventArrivedAt") Long arrivedAt,
                                         @ExchangeProperty(OVERFLOWED) Boolean overflowed) {
        if (id == null || watched.size() >= MAX_WATCHED && !watched.containsKey(id)) {
            return;
        }
        long now = clock.getAsLong();
        Watched before = watched.remove(id);
        boolean overflow = Boolean.TRUE.equals(overflowed);
        long triggeredAt = before != null ? before.triggeredAt() : arrivedAt == null ? now : arrivedAt;
        watched.put(id, new Watched(id, reason, queue, language, triggeredAt, now, overflow, overflow));
    }

    /** An agent took the chat: the time to agent, by reason and queue. Returns whether the chat was watched. */
    public boolean assigned(@ExchangeProperty("interactionId") String id) {
        Watched done;
        synchronized (this) {
            done = id == null ? null : watched.remove(id);
        }
        if (done == null) {
            return false;
        }
        MeterRegistry registry = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            Timer.builder("cxone.handoff.time_to_agent")
                    .description("From the event that triggered a handoff to an agent taking the chat")
                    .tag("reason", String.valueOf(done.reason())).tag("queue", String.valueOf(done.queue()))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(1))
                    .register(registry).record(Duration.ofMillis(Math.max(0, clock.getAsLong() - done.triggeredAt())));
        }
        return true;
    }

    /**
     * The chats no agent took within the timeout, as {id, reason, queue, language, overflowed, triggeredAt} each,
     * each returned once (then still watched for its time to agent, a while); the long forgotten are dropped.
     */
    public synchronized List<Map<String, Object>> overdue() {
        long now = clock.getAsLong();
        List<Map<String, Object>> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, Watched>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Watched> entry = it.next();
            Watched w = entry.getValue();
            if (now - w.transferredAt() >= KEPT_TIMEOUTS * timeoutMillis) {
                it.remove();
            } else if (!w.timedOut() && now - w.transferredAt() >= timeoutMillis) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", w.id());
                item.put("reason", w.reason());
                item.put("queue", w.queue());
                item.put("language", w.language());
                item.put("overflowed", w.overflowed());
                item.put("triggeredAt", w.triggeredAt());
                due.add(item);
                entry.setValue(new Watched(w.id(), w.reason(), w.queue(), w.language(), w.triggeredAt(),
                        w.transferredAt(), w.overflowed(), true));
            }
        }
        return due;
    }

    synchronized int watching() {
        return watched.size();
    }

    /** How long an agent may take (handoff.assign-timeout-seconds). */
    public void setTimeoutSeconds(long seconds) {
        this.timeoutMillis = TimeUnit.SECONDS.toMillis(Math.max(1, seconds));
    }
}
