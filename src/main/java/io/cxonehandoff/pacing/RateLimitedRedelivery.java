package io.cxonehandoff.pacing;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code onExceptionOccurred} hook of the 429 policy. Runs before the redelivery delay is computed, so
 * the delay it sets ({@code CamelRedeliveryDelay}) is the one waited: at least {@code Retry-After}.
 * The same pause is applied to every other call to the tenant through {@link TenantBackpressure}.
 * Without a readable Retry-After the policy's own exponential backoff applies.
 *
 * <p>Retry-After is the tenant's word, and a broken or hostile one can ask for years: no pause is longer
 * than {@code retryAfterMaxSeconds} ({@code cxone.retry.retry-after-max-seconds}). The WARN that says so
 * is written once per capped pause, not for every 429 that meets it.
 */
public class RateLimitedRedelivery implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitedRedelivery.class);

    private final Clock clock;
    private TenantBackpressure backpressure;
    private long maxWaitMillis = TimeUnit.SECONDS.toMillis(300);
    /** End of the last pause the cap was reported for: later capped 429s before it are not reported again. */
    private final AtomicLong capReportedUntil = new AtomicLong(Long.MIN_VALUE);

    public RateLimitedRedelivery() {
        this(Clock.systemUTC());
    }

    RateLimitedRedelivery(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        HttpOperationFailedException failure = exchange.getException(HttpOperationFailedException.class);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        if (failure == null || failure.getStatusCode() != 429) {
            return;
        }
        OptionalLong asked = RetryAfter.millis(RetryAfter.header(failure.getResponseHeaders()), clock.instant());
        if (asked.isEmpty()) {
            LOG.warn("CXone rate limit (429) without a usable Retry-After: backing off");
            return;
        }
        long wait = Math.min(asked.getAsLong(), maxWaitMillis);
        backpressure.pauseFor(wait);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait);
        if (wait == asked.getAsLong()) {
            LOG.warn("CXone rate limit (429): all calls pause {} ms as Retry-After asks", wait);
        } else if (firstCapOfThisPause(wait)) {
            LOG.warn("CXone rate limit (429) asked for a pause of {} s; all calls pause {} s, the most "
                     + "cxone.retry.retry-after-max-seconds allows", askedSeconds(asked.getAsLong()), wait / 1000);
        }
    }

    private boolean firstCapOfThisPause(long wait) {
        long now = clock.millis();
        long reported = capReportedUntil.get();
        return now >= reported && capReportedUntil.compareAndSet(reported, now + wait);
    }

    private static String askedSeconds(long millis) {
        return millis == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE / 1000 : String.valueOf(millis / 1000);
    }

    public void setBackpressure(TenantBackpressure backpressure) {
        this.backpressure = backpressure;
    }

    /** The longest pause a Retry-After may impose (s); longer values are cut to it. */
    public void setRetryAfterMaxSeconds(long seconds) {
        if (seconds < 1 || seconds > TimeUnit.DAYS.toSeconds(1)) {
            throw new IllegalArgumentException("cxone.retry.retry-after-max-seconds must be 1..86400, got " + seconds);
        }
        this.maxWaitMillis = TimeUnit.SECONDS.toMillis(seconds);
    }
}
