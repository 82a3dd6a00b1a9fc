package io.cxonehandoff.http;

import java.time.Instant;
import java.util.OptionalLong;

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
 */
public class RateLimitedRedelivery implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitedRedelivery.class);

    private TenantBackpressure backpressure;

    @Override
    public void process(Exchange exchange) {
        HttpOperationFailedException failure = exchange.getException(HttpOperationFailedException.class);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        if (failure == null || failure.getStatusCode() != 429) {
            return;
        }
        OptionalLong wait = RetryAfter.millis(RetryAfter.header(failure.getResponseHeaders()), Instant.now());
        if (wait.isPresent()) {
            backpressure.pauseFor(wait.getAsLong());
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.getAsLong());
            LOG.warn("CXone rate limit (429): all calls pause {} ms as Retry-After asks", wait.getAsLong());
        } else {
            LOG.warn("CXone rate limit (429) without a usable Retry-After: backing off");
        }
    }

    public void setBackpressure(TenantBackpressure backpressure) {
        this.backpressure = backpressure;
    }
}
