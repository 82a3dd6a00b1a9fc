package io.cxonehandoff.http;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * Property function {@code {{tenant-rate:requests-per-period}}} / {@code {{tenant-rate:period-ms}}}: the
 * tenant-wide throttle's settings derived from the tenant's documented limit ({@code cxone.rate-limit-rps})
 * and a headroom ({@code cxone.rate-limit-headroom}). Tenants allow only a tenth of a second's worth of
 * burst, so at most R/20 calls go out per period (half of it: a batch delayed on its way and the next one
 * on time still fit), and the period is stretched so that the average stays at R × headroom.
 */
public class TenantRateFunction implements PropertiesFunction, CamelContextAware {

    private CamelContext camelContext;

    @Override
    public String getName() {
        return "tenant-rate";
    }

    @Override
    public String apply(String remainder) {
        double rps = number("{{cxone.rate-limit-rps}}");
        double headroom = number("{{cxone.rate-limit-headroom}}");
        Plan plan = plan(rps, headroom);
        return switch (remainder.trim()) {
            case "requests-per-period" -> String.valueOf(plan.requestsPerPeriod());
            case "period-ms" -> String.valueOf(plan.periodMillis());
            default -> throw new IllegalArgumentException("tenant-rate knows requests-per-period and period-ms, not " + remainder);
        };
    }

    /** The throttle plan for a limit of {@code rps} calls/s kept at {@code headroom} (0..1] of it. */
    static Plan plan(double rps, double headroom) {
        if (rps <= 0 || headroom <= 0 || headroom > 1) {
            throw new IllegalArgumentException("need rps > 0 and 0 < headroom <= 1, got " + rps + ", " + headroom);
        }
        int perPeriod = Math.max(1, (int) Math.floor(rps / 20));
        long period = (long) Math.ceil(perPeriod * 1000 / (rps * headroom));
        return new Plan(perPeriod, period);
    }

    private double number(String placeholder) {
        return Double.parseDouble(camelContext.resolvePropertyPlaceholders(placeholder).trim());
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** At most {@code requestsPerPeriod} calls in any {@code periodMillis} window. */
    record Plan(int requestsPerPeriod, long periodMillis) {
        double callsPerSecond() {
            return requestsPerPeriod * 1000.0 / periodMillis;
        }
    }
}
