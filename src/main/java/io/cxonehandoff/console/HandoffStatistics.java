package io.cxonehandoff.console;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.cxonehandoff.support.ContextService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/**
 * Handoff figures for an operator in Hawtio (JMX), read from the same Micrometer meters that
 * {@code /observe/metrics} publishes, so the console and Prometheus never disagree.
 */
@ManagedResource(description = "cxone-handoff: handoffs done, skipped and failed, and their latency")
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
}
