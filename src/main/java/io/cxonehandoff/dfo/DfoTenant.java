package io.cxonehandoff.dfo;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import io.cxonehandoff.api.CxoneHosts;
import io.cxonehandoff.auth.AccessTokenCache;
import io.cxonehandoff.auth.TokenWaitTimeoutException;
import io.cxonehandoff.handoff.UnexpectedCxoneAnswerException;
import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.Body;
import org.apache.camel.FluentProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a DFO tenant is (docs/cxone-dfo.md, section 1), found out once: the token endpoint from the issuer's
 * OpenID configuration, the tenant and user from the id token, the API host from the tenant's CXone
 * configuration ({@code api-url-template}), the event hub from {@code /dfo/3.0/event-hub-url} or its template.
 * Each lookup is a CXone call through the routes (the cxone-operation template: deadline, size limit, pace), made
 * on first need; a failed one is asked again next time. Values given in the environment win.
 */
public class DfoTenant extends ContextAwareBean implements CxoneHosts {

    private static final Logger LOG = LoggerFactory.getLogger(DfoTenant.class);
    /** What an area or a domain from the tenant's configuration may look like before it becomes part of a URL. */
    private static final Pattern HOST_PART = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250})(?::[0-9]{1,5})?");

    // one lock per lookup: the host lookup asks for a token, and the token request asks for the token endpoint
    private final ReentrantLock tokenEndpointLock = new ReentrantLock();
    private final ReentrantLock hostLock = new ReentrantLock();
    private AccessTokenCache accessTokens;
    private String authUrl = "https://cxone.niceincontact.com";
    private String configuredTenantId;
    private String apiBaseOverride;
    private String apiUrlTemplate = "https://api-de-{area}.{domain}";
    private String wsUrlOverride;
    private String eventHubUrlTemplate = "wss://eventhub-de-{area}.{domain}";
    private long waitTimeoutMs = 20_000;

    private volatile String tokenEndpoint;
    private volatile IdTokenClaims claims = new IdTokenClaims(null, null);
    private volatile Map<String, String> hostParts;
    private volatile String apiBase;
    private FluentProducerTemplate producer;

    @Override
    public String base(String host) {
        return "auth".equals(host) ? authUrl : apiBase();
    }

    /** The token endpoint, from {@code {auth}/.well-known/openid-configuration}. */
    @Override
    public String tokenEndpoint() {
        String known = tokenEndpoint;
        if (known != null) {
            return known;
        }
        return locked(tokenEndpointLock, () -> {
            if (tokenEndpoint == null) {
                Map<?, ?> document = call("direct:cxone-get-openid-configuration");
                tokenEndpoint = absoluteUrl(document.get("token_endpoint"), "token_endpoint");
                LOG.info("CXone token endpoint discovered: {}", tokenEndpoint);
            }
            return tokenEndpoint;
        });
    }

    /** The token endpoint's answer went by: keep the tenant and user its id token names. Returns the answer. */
    @Override
    public Object tokenIssued(@Body Object answer) {
        if (answer instanceof Map<?, ?> fields && fields.get("id_token") != null) {
            IdTokenClaims issued = IdTokenClaims.of(fields.get("id_token"));
            if (issued.tenantId() != null || issued.userId() != null) {
                claims = issued;
            }
        }
        return answer;
    }

    /** The tenant's id: configured, or the id token's. */
    public String tenantId() {
        if (configuredTenantId != null) {
            return configuredTenantId;
        }
        if (claims.tenantId() == null) {
            accessTokens.token(); // the grant's id token names the tenant
        }
        if (claims.tenantId() == null) {
            throw new UnexpectedCxoneAnswerException("the id token names no tenant: set CXONE_TENANT_ID");
        }
        return claims.tenantId();
    }

    /** The integration user's id, from the id token (the event hub wants it). */
    public String userId() {
        if (claims.userId() == null) {
            accessTokens.token();
        }
        if (claims.userId() == null) {
            throw new UnexpectedCxoneAnswerException("the id token names no user (sub or userId claim)");
        }
        return claims.userId();
    }

    /** The query of the tenant's configuration call. */
    public String configurationQuery() {
        return "tenantId=" + URLEncoder.encode(tenantId(), StandardCharsets.UTF_8);
    }

    /** The DFO API's base URL: configured, or from the tenant's area and domain. */
    public String apiBase() {
        if (apiBaseOverride != null) {
            return apiBaseOverride;
        }
        String known = apiBase;
        if (known != null) {
            return known;
        }
        return locked(hostLock, () -> {
            if (apiBase == null) {
                apiBase = fill(apiUrlTemplate, hostParts());
                LOG.info("CXone digital API discovered: {}", apiBase);
            }
            return apiBase;
        });
    }

    /**
     * The event hub to connect to, with the tenant and user: configured, or {@code /dfo/3.0/event-hub-url}'s
     * answer, or the template. Asked before every connection (the answer may change); not on the stream thread.
     */
    public URI eventHubUri() {
        String hub = wsUrlOverride;
        if (hub == null) {
            try {
                hub = absoluteUrl(call("direct:cxone-get-event-hub-url").get("websocketUrl"), "websocketUrl");
            } catch (RuntimeException e) {
                hub = fill(eventHubUrlTemplate, hostParts());
                LOG.debug("No event hub URL from CXone ({}): using {}", e.getClass().getSimpleName(), hub);
            }
        }
        String query = "tenantId=" + URLEncoder.encode(tenantId(), StandardCharsets.UTF_8)
                       + "&userId=" + URLEncoder.encode(userId(), StandardCharsets.UTF_8);
        return URI.create(hub + (hub.contains("?") ? "&" : "?") + query);
    }

    private Map<String, String> hostParts() {
        Map<String, String> known = hostParts;
        if (known != null) {
            return known;
        }
        return locked(hostLock, () -> {
            if (hostParts == null) {
                Map<?, ?> configuration = call("direct:cxone-get-cxone-configuration");
                hostParts = Map.of("area", hostPart(configuration.get("area"), "area"),
                        "domain", hostPart(configuration.get("domain"), "domain"));
            }
            return hostParts;
        });
    }

    private static String fill(String template, Map<String, String> parts) {
        String url = template;
        for (Map.Entry<String, String> part : parts.entrySet()) {
            url = url.replace("{" + part.getKey() + "}", part.getValue());
        }
        return url;
    }

    private static String hostPart(Object value, String name) {
        if (!(value instanceof String text) || !HOST_PART.matcher(text).matches()) {
            throw new UnexpectedCxoneAnswerException("the tenant's CXone configuration has no usable " + name);
        }
        return text;
    }

    private static String absoluteUrl(Object value, String name) {
        if (value instanceof String text) {
            try {
                URI url = URI.create(text);
                if (url.isAbsolute() && url.getHost() != null && url.getScheme().matches("https?|wss?")) {
                    return text;
                }
            } catch (IllegalArgumentException notAUrl) {
                // fall through
            }
        }
        throw new UnexpectedCxoneAnswerException("discovery answered without a usable " + name);
    }

    private Map<?, ?> call(String route) {
        Object answer = producer().to(route).request();
        if (!(answer instanceof Map<?, ?> document)) {
            throw new UnexpectedCxoneAnswerException(route + " answered something that is not a JSON object");
        }
        return document;
    }

    private <T> T locked(ReentrantLock lock, java.util.function.Supplier<T> work) {
        try {
            if (!lock.tryLock(waitTimeoutMs, TimeUnit.MILLISECONDS)) {
                throw new UncheckedIOException(new TokenWaitTimeoutException(waitTimeoutMs));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while discovering the CXone tenant", e);
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private synchronized FluentProducerTemplate producer() {
        if (producer == null) {
            producer = getCamelContext().createFluentProducerTemplate();
        }
        return producer;
    }

    public void setAccessTokens(AccessTokenCache accessTokens) {
        this.accessTokens = accessTokens;
    }

    /** The issuer serving the .well-known documents (CXONE_AUTH_URL). */
    public void setAuthUrl(String authUrl) {
        this.authUrl = stripSlash(authUrl);
    }

    /** The tenant's id, when known (CXONE_TENANT_ID); else the id token's. */
    public void setTenantId(String tenantId) {
        this.configuredTenantId = blankToNull(tenantId);
    }

    /** The API's base URL when not to be discovered (CXONE_BASE_URL). */
    public void setApiBase(String apiBase) {
        this.apiBaseOverride = blankToNull(stripSlash(apiBase));
    }

    /** The API's URL from the tenant's area and domain (cxone.dfo.api-url-template). */
    public void setApiUrlTemplate(String apiUrlTemplate) {
        this.apiUrlTemplate = stripSlash(apiUrlTemplate);
    }

    /** The event hub's URL when not to be discovered (CXONE_WS_URL). */
    public void setWsUrl(String wsUrl) {
        this.wsUrlOverride = blankToNull(wsUrl);
    }

    /** The event hub's URL when CXone does not say it (cxone.dfo.event-hub-url-template). */
    public void setEventHubUrlTemplate(String eventHubUrlTemplate) {
        this.eventHubUrlTemplate = eventHubUrlTemplate;
    }

    /** How long a caller waits for a lookup another caller is making (ms). */
    public void setWaitTimeoutMs(long waitTimeoutMs) {
        this.waitTimeoutMs = waitTimeoutMs;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
