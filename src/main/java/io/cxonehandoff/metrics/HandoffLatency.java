package io.cxonehandoff.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.ExchangeProperty;

/**
 * Event-to-transfer latency as a Prometheus histogram ({@code cxone_handoff_latency_seconds_bucket}), so
 * p50/p99 can be computed with {@code histogram_quantile}. Camel's micrometer component has no option for
 * percentile histograms, hence this bean.
 */
public class HandoffLatency extends ContextAwareBean {

    /** Exchange property: when the event entered the integration (epoch ms). */
    public static final String ARRIVED_AT = "eventArrivedAt";

    private volatile Timer timer;

    public void record(@ExchangeProperty(ARRIVED_AT) Long arrivedAt) {
        if (arrivedAt != null) {
            timer().record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - arrivedAt)));
        }
    }

    private Timer timer() {
        Timer current = timer;
        if (current == null) {
            synchronized (this) {
                if (timer == null) {
                    MeterRegistry registry = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
                    timer = Timer.builder("cxone.handoff.latency")
                            .description("Time from an event's arrival to its accepted transfer")
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(10))
                            .maximumExpectedValue(Duration.ofMinutes(2))
                            .register(registry);
                }
                current = timer;
            }
        }
        return current;
    }
}
