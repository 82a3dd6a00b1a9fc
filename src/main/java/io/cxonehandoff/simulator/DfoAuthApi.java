package io.cxonehandoff.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static io.cxonehandoff.simulator.JsonAnswers.json;

/**
 * CXone's identity side in the dfo profile (docs/cxone-dfo.md sections 1 and 2): the two discovery documents and
 * the password grant. No bearer token, no tenant rate limit; the token latency and every scripted fault apply.
 */
record DfoAuthApi(SimulatorSettings settings, TokenRegistry tokens, CallGate gate, Supplier<String> baseUrl) {

    static final String TOKEN_PATH = "/auth/token";
    /** The area the discovery answers; the domain is the simulator's own host and port. */
    static final String AREA = "sim";

    void mount(Router router) {
        router.get("/.well-known/openid-configuration").handler(ctx -> open(ctx, Operation.DISCOVERY, this::openid));
        router.get("/.well-known/cxone-configuration").handler(ctx -> open(ctx, Operation.DISCOVERY, this::cxone));
        router.post(TOKEN_PATH).handler(ctx -> open(ctx, Operation.TOKEN, this::token));
    }

    private void open(RoutingContext ctx, Operation operation, Consumer<RoutingContext> handler) {
        gate.open(ctx, operation, null, gate.tokenLatencyMillis(), handler);
    }

    private void openid(RoutingContext ctx) {
        String base = baseUrl.get();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", base);
        document.put("authorization_endpoint", base + "/auth/authorize");
        document.put("token_endpoint", base + TOKEN_PATH);
        document.put("jwks_uri", base + "/.well-known/jwks");
        document.put("grant_types_supported", List.of("password", "client_credentials", "authorization_code",
                "refresh_token"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        json(ctx.response(), 200, document);
    }

    private void cxone(RoutingContext ctx) {
        String tenantId = ctx.queryParams().get("tenantId");
        if (tenantId == null || tenantId.isBlank()) {
            json(ctx.response(), 400, Map.of("error", "tenantId_required"));
        } else if (!tenantId.equals(settings.getTenantId())) {
            json(ctx.response(), 404, Map.of("error", "tenant_not_found"));
        } else {
            String base = baseUrl.get();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("private", false);
            document.put("area", AREA);
            document.put("domain", domain());
            document.put("api_endpoint", base);
            document.put("auth_endpoint", base);
            json(ctx.response(), 200, document);
        }
    }

    /** host:port, so that the template {@code http://{domain}} reaches the simulator. */
    String domain() {
        return baseUrl.get().substring("http://".length());
    }

    private void token(RoutingContext ctx) {
        var form = ctx.request().formAttributes();
        if (!"password".equals(form.get("grant_type"))) {
            json(ctx.response(), 400, Map.of("error", "unsupported_grant_type"));
        } else if (tokens.rejectsCredentials() || !basicAuthIsOurClient(ctx.request().getHeader("Authorization"))) {
            json(ctx.response(), 401, Map.of("error", "invalid_client"));
        } else if (!settings.getAccessKeyId().equals(form.get("username"))
                   || !settings.getAccessKeySecret().equals(form.get("password"))) {
            json(ctx.response(), 401, Map.of("error", "invalid_grant"));
        } else {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", tokens.issue());
            answer.put("token_type", "Bearer");
            answer.put("expires_in", tokens.ttlSeconds());
            answer.put("id_token", IdToken.issue(baseUrl.get(), settings.getClientId(), settings.getTenantId(),
                    settings.getUserId(), tokens.ttlSeconds()));
            json(ctx.response(), 200, answer);
        }
    }

    private boolean basicAuthIsOurClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            return pair.equals(settings.getClientId() + ":" + settings.getClientSecret());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
