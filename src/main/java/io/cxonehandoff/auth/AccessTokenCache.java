package io.cxonehandoff.auth;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth2 access token, shared by every CXone call and the event stream.
 * <ul>
 * <li>reused until {@code renewBeforeExpirySeconds} before it expires;</li>
 * <li>one token request in flight at a time, however many callers wait for it; none waits longer than
 * {@code waitTimeoutMs}: a slow token endpoint fails the waiting calls with {@link TokenWaitTimeoutException}
 * (an I/O failure, so the call policy retries them with backoff) instead of holding every REST call;</li>
 * <li>a token that CXone refused is dropped only if it is still the current one, so a burst of 401s
 * costs one new token, not one each;</li>
 * <li>refused client credentials stop all further token requests (a clear error, not a loop).</li>
 * </ul>
 * The request itself is the {@code cxone-token} route, so the endpoint stays in configuration.
 */
public class AccessTokenCache extends ContextAwareBean {

    /** Exchange property holding the token a REST call was sent with (for compare-and-invalidate on 401). */
    public static final String TOKEN_USED = "cxoneTokenUsed";

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenCache.class);

    private final ReentrantLock fetchLock = new ReentrantLock();
    private final Clock clock;
    private FluentProducerTemplate producer;
    private static final String TOKEN_ROUTE = "direct:cxone-token";
    private String credentialsVariables = "CXONE_CLIENT_ID and CXONE_CLIENT_SECRET";
    private long renewBeforeExpirySeconds = 60;
    private long waitTimeoutMillis = 20_000;
    private final AtomicReference<IssuedToken> current = new AtomicReference<>();
    private volatile InvalidClientCredentialsException refused;

    public AccessTokenCache() {
        this(Clock.systemUTC());
    }

    AccessTokenCache(Clock clock) {
        this.clock = clock;
    }

    /**
     * A valid token: the cached one, or a new one if it is missing or about to expire.
     *
     * @throws UncheckedIOException caused by a {@link TokenWaitTimeoutException} when another caller's token
     *         request did not finish within {@code waitTimeoutMs}
     */
    public String token() {
        IssuedToken cached = current.get();
        if (cached != null && cached.usableAt(clock.instant())) {
            return cached.value();
        }
        awaitFetchLock();
        try {
            cached = current.get();
            if (cached != null && cached.usableAt(clock.instant())) {
                return cached.value();
            }
            IssuedToken issued = fetch();
            current.set(issued);
            return issued.value();
        } finally {
            fetchLock.unlock();
        }
    }

    /**
     * A newly issued token: the event stream authenticates every new connection with one. The current token
     * stays in use by every other caller until the new one has arrived, so a slow token endpoint holds up no
     * REST call that still has a valid token.
     */
    public String freshToken() {
        IssuedToken before = current.get();
        awaitFetchLock();
        try {
            IssuedToken now = current.get();
            if (now != null && now != before && now.usableAt(clock.instant())) {
                return now.value(); // issued while we waited for the lock: as fresh as it gets
            }
            IssuedToken issued = fetch();
            current.set(issued);
            return issued.value();
        } finally {
            fetchLock.unlock();
        }
    }

    /** Drops {@code token} if it is still the cached one (CXone answered 401 to it); never waits. */
    public void invalidate(String token) {
        IssuedToken cached = current.get();
        if (cached != null && token != null && cached.value().equals(token)) {
            current.compareAndSet(cached, null);
        }
    }

    /** The one token request in flight, waited for at most {@code waitTimeoutMs}. */
    private void awaitFetchLock() {
        try {
            if (!fetchLock.tryLock(waitTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new UncheckedIOException(new TokenWaitTimeoutException(waitTimeoutMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for a CXone token"));
        }
    }

    /** The Authorization header value for a REST call; remembers the token on the exchange. */
    public String authorization(Exchange exchange) {
        String token = token();
        exchange.setProperty(TOKEN_USED, token);
        return "Bearer " + token;
    }

    private IssuedToken fetch() {
        if (refused != null) {
            throw refused;
        }
        Instant requestedAt = clock.instant();
        Map<?, ?> answer;
        try {
            answer = producer().to(TOKEN_ROUTE).request(Map.class);
        } catch (CamelExecutionException e) {
            throw translate(e);
        }
        Object accessToken = answer == null ? null : answer.get("access_token");
        if (!(accessToken instanceof String value) || value.isBlank()) {
            throw new IllegalStateException("CXone token endpoint answered without an access_token");
        }
        long expiresIn = answer.get("expires_in") instanceof Number n ? n.longValue() : 3600L;
        LOG.debug("New CXone access token, valid for {} s", expiresIn);
        // renew ahead of expiry; a token shorter-lived than twice that margin is renewed at half-life
        long renewAfter = expiresIn - Math.min(renewBeforeExpirySeconds, expiresIn / 2);
        return new IssuedToken(value, requestedAt.plusSeconds(renewAfter));
    }

    private RuntimeException translate(CamelExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof HttpOperationFailedException http
            && (http.getStatusCode() == 400 || http.getStatusCode() == 401)) {
            refused = new InvalidClientCredentialsException(http.getStatusCode(), credentialsVariables);
            LOG.error(refused.getMessage());
            return refused;
        }
        return cause instanceof RuntimeException runtime ? runtime : e;
    }

    private FluentProducerTemplate producer() {
        if (producer == null) {
            producer = getCamelContext().createFluentProducerTemplate();
        }
        return producer;
    }

    /** What refused credentials name in their ERROR line (cxone.token.credentials-variables). */
    public void setCredentialsVariables(String credentialsVariables) {
        this.credentialsVariables = credentialsVariables;
    }

    public void setRenewBeforeExpirySeconds(long renewBeforeExpirySeconds) {
        this.renewBeforeExpirySeconds = renewBeforeExpirySeconds;
    }

    /** How long a caller waits for another caller's token request before failing (ms). */
    public void setWaitTimeoutMs(long waitTimeoutMs) {
        if (waitTimeoutMs < 1) {
            throw new IllegalArgumentException("cxone.token.wait-timeout-ms must be at least 1, got " + waitTimeoutMs);
        }
        this.waitTimeoutMillis = waitTimeoutMs;
    }


    private record IssuedToken(String value, Instant renewAt) {
        boolean usableAt(Instant now) {
            return now.isBefore(renewAt);
        }

        @Override
        public String toString() {
            return "IssuedToken[renewAt=" + renewAt + "]";
        }
    }
}
