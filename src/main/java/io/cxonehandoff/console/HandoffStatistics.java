package io.cxonehandoff.console;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.cxonehandoff.metrics.CallsPerHandoff;
import io.cxonehandoff.support.ContextService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/**
 * Handoff figures for an operator in Hawtio (JMX), read from the same Micrometer meters that
 * {@code /observe/metrics} publishes, so the console and Prometheus never disagree.
 */
@ManagedResource(description = "cxone-handoff: handoffs done, skipped and failed, their latency, rate, fallbacks and time to agent")
public class HandoffStatistics extends ContextService {


    @ManagedAttribute(description = "Chats transferred to the agent queue")
    public long getTransferred() {
        return count("cxone.handoff.completed", "outcome", "transferred");
    }

    @ManagedAttribute(description = "Chats CXone had already transferred (409)")
    public long getAlreadyTransferred() {
        return count("cxone.handoff.completed", "outcome", "already_transferred");
    }

    @ManagedAttribute(description = "Handoffs for a low bot confidence")
    public long getLowConfidence() {
        return count("cxone.handoff.completed", "reason", "low_confidence");
    }

    @ManagedAttribute(description = "Handoffs the customer asked for")
    public long getCustomerRequest() {
        return count("cxone.handoff.completed", "reason", "customer_request");
    }

    @ManagedAttribute(description = "Handoffs that failed for good (stored as dead letters)")
    public long getFailed() {
        return count("cxone.handoff.failed", null, null);
    }

    @ManagedAttribute(description = "Events that needed no handoff after all (duplicate, not found)")
    public long getSkipped() {
        return count("cxone.handoff.skipped", null, null);
    }

    @ManagedAttribute(description = "CXone answers 429 (rate limited)")
    public long getRateLimited() {
        return count("cxone.api.calls", "status", "429");
    }

    @ManagedAttribute(description = "Event-to-transfer latency, mean (ms)")
    public double getLatencyMeanMillis() {
        Timer timer = registry() == null ? null : registry().find("cxone.handoff.latency").timer();
        return timer == null ? 0 : timer.mean(TimeUnit.MILLISECONDS);
    }

    @ManagedAttribute(description = "Event-to-transfer latency, maximum of the last minutes (ms)")
    public double getLatencyMaxMillis() {
        Timer timer = registry() == null ? null : registry().find("cxone.handoff.latency").timer();
        return timer == null ? 0 : timer.max(TimeUnit.MILLISECONDS);
    }

    @ManagedAttribute(description = "Chats the bot had (each interaction once, since start)")
    public long getBotChats() {
        return count("cxone.bot.chats", null, null);
    }

    @ManagedAttribute(description = "Handoff rate: chats transferred by this integration / chats the bot had")
    public double getHandoffRate() {
        long chats = getBotChats();
        return chats == 0 ? 0 : (double) getTransferred() / chats;
    }

    @ManagedAttribute(description = "Handoff rate by reason: transfers for each reason / chats the bot had")
    public Map<String, Double> getHandoffRateByReason() {
        long chats = getBotChats();
        Map<String, Double> rates = new TreeMap<>();
        MeterRegistry registry = registry();
        if (registry != null && chats > 0) {
            registry.find("cxone.handoff.completed").tag("outcome", "transferred").counters().forEach(c ->
                    rates.merge(String.valueOf(c.getId().getTag("reason")), c.count() / chats, Double::sum));
        }
        return rates;
    }

    @ManagedAttribute(description = "Handoffs sent to the overflow queue because their queue could not take them")
    public long getFallbackOverflow() {
        return count("cxone.handoff.fallbacks", "choice", "overflow");
    }

    @ManagedAttribute(description = "Bot episodes kept with the bot because their queue was closed or had no agent")
    public long getFallbackStayWithBot() {
        return count("cxone.handoff.fallbacks", "choice", "stay_with_bot");
    }

    @ManagedAttribute(description = "Messages sent to customers (acknowledgement, closed, assignment timeout)")
    public long getCustomersTold() {
        return count("cxone.customer.messages", "outcome", "sent");
    }

    @ManagedAttribute(description = "Transferred chats no agent took within handoff.assign-timeout-seconds")
    public long getAssignmentTimeouts() {
        return count("cxone.handoff.assignment.timeouts", null, null);
    }

    @ManagedAttribute(description = "Time from the triggering event to an agent taking the chat, mean (s)")
    public double getTimeToAgentMeanSeconds() {
        return timers("cxone.handoff.time_to_agent").stream().mapToDouble(t -> t.totalTime(TimeUnit.SECONDS)).sum()
               / Math.max(1, timers("cxone.handoff.time_to_agent").stream().mapToLong(Timer::count).sum());
    }

    @ManagedAttribute(description = "Time from the triggering event to an agent taking the chat, maximum of the last minutes (s)")
    public double getTimeToAgentMaxSeconds() {
        return timers("cxone.handoff.time_to_agent").stream().mapToDouble(t -> t.max(TimeUnit.SECONDS)).max().orElse(0);
    }

    @ManagedAttribute(description = "CXone calls per completed handoff, all operations (retries and 429s included; NaN before the first)")
    public double getCallsPerHandoff() {
        MeterRegistry registry = registry();
        return registry == null ? Double.NaN : CallsPerHandoff.of(registry, null);
    }

    @ManagedAttribute(description = "CXone calls per completed handoff by operation (the least: 1 read, the history pages, 1 context, 1 transfer)")
    public Map<String, Double> getCallsPerHandoffByOperation() {
        MeterRegistry registry = registry();
        return registry == null ? Map.of() : CallsPerHandoff.byOperation(registry);
    }

    private Collection<Timer> timers(String name) {
        MeterRegistry registry = registry();
        return registry == null ? List.of() : registry.find(name).timers();
    }

    private long count(String name, String tag, String value) {
        MeterRegistry registry = registry();
        if (registry == null) {
            return 0;
        }
        Search search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return (long) search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private MeterRegistry registry() {
        return getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
    }

    // ---- hourly budget (cxone.hourly-budget) ----

    @ManagedAttribute(description = "What is left of the hourly CXone call budget in the rolling hour, calls already scheduled included (-1: no budget)")
    public long getHourlyBudgetRemaining() {
        Gauge gauge = gauge("cxone.api.hourly.budget.remaining");
        return gauge == null ? -1 : (long) gauge.value();
    }

    @ManagedAttribute(description = "Whether CXone calls wait for the hourly budget (not for the rate limit)")
    public boolean getHourlyBudgetBinding() {
        Gauge gauge = gauge("cxone.api.hourly.budget.binding");
        return gauge != null && gauge.value() > 0;
    }

    private Gauge gauge(String name) {
        MeterRegistry registry = registry();
        return registry == null ? null : registry.find(name).gauge();
    }
}
