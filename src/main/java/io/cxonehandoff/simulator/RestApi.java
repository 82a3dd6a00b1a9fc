package io.cxonehandoff.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST side of the contract. Every call is recorded with the status it got; then, in this order:
 * latency, bearer token (401), rate limit (429), scripted faults, the real answer.
 */
final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 100;

    private final Vertx vertx;
    private final SimulatorSettings settings;
    private final ChatStore chats;
    private final TokenRegistry tokens;
    private final TenantRateLimiter rateLimiter;
    private final FaultPlan faults;
    private final SimulatorRecord record;
    private volatile long latencyMillis;
    private volatile boolean rejectCredentials;
    /** The Retry-After of a scripted 429 (a broken or hostile tenant may send anything here). */
    private volatile String scriptedRetryAfter = "1";
    /** Extra time the token endpoint takes (a slow identity provider). */
    private volatile long tokenLatencyMillis;

    RestApi(Vertx vertx, SimulatorSettings settings, ChatStore chats, TokenRegistry tokens,
            TenantRateLimiter rateLimiter, FaultPlan faults, SimulatorRecord record) {
        this.vertx = vertx;
        this.settings = settings;
        this.chats = chats;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.record = record;
        this.latencyMillis = settings.getLatencyMillis();
    }

    void mount(Router router) {
        // no file uploads here: without this, Vert.x makes an empty file-uploads/ in the working directory
        router.route().handler(BodyHandler.create(false));
        router.post("/oauth/token").handler(this::token);
        router.get("/api/v2/interactions").handler(ctx -> gate(ctx, Operation.LIST_INTERACTIONS, this::list));
        router.get("/api/v2/interactions/:id").handler(ctx -> gate(ctx, Operation.GET_INTERACTION, this::interaction));
        router.get("/api/v2/interactions/:id/messages").handler(ctx -> gate(ctx, Operation.GET_MESSAGES, this::messages));
        router.patch("/api/v2/interactions/:id/context").handler(ctx -> gate(ctx, Operation.PATCH_CONTEXT, this::context));
        router.post("/api/v2/interactions/:id/transfer").handler(ctx -> gate(ctx, Operation.TRANSFER, this::transfer));
    }

    private void token(RoutingContext ctx) {
        recordOnEnd(ctx, Operation.TOKEN);
        Misbehaviour misbehaviour = Misbehaviour.of(faults.next(Operation.TOKEN));
        if (misbehaviour != null) {
            HostileAnswers.answer(vertx, ctx.response(), misbehaviour);
            return;
        }
        long latency = tokenLatencyMillis;
        if (latency > 0) {
            vertx.setTimer(latency, t -> issueToken(ctx));
        } else {
            issueToken(ctx);
        }
    }

    private void issueToken(RoutingContext ctx) {
        var form = ctx.request().formAttributes();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            json(ctx.response(), 400, Map.of("error", "unsupported_grant_type"));
        } else if (rejectCredentials || !settings.getClientId().equals(form.get("client_id"))
                   || !settings.getClientSecret().equals(form.get("client_secret"))) {
            json(ctx.response(), 401, Map.of("error", "invalid_client"));
        } else {
            json(ctx.response(), 200, Map.of("access_token", tokens.issue(), "token_type", "Bearer",
                    "expires_in", tokens.ttlSeconds()));
        }
    }

    private void gate(RoutingContext ctx, Operation operation, Consumer<RoutingContext> handler) {
        recordOnEnd(ctx, operation);
        // the limit applies on arrival, as a tenant's gateway does; the latency is the work behind it (checked
        // after the latency, a busy event loop firing many timers at once made bursts the client never sent)
        if (!rateLimiter.tryAcquire()) {
            ctx.response().putHeader("Retry-After", String.valueOf(rateLimiter.retryAfterSeconds()));
            json(ctx.response(), 429, Map.of("error", "rate_limited"));
            return;
        }
        long latency = latencyMillis;
        if (latency > 0) {
            vertx.setTimer(latency, t -> admit(ctx, operation, handler));
        } else {
            admit(ctx, operation, handler);
        }
    }

    private void admit(RoutingContext ctx, Operation operation, Consumer<RoutingContext> handler) {
        String authorization = ctx.request().getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (!tokens.isValid(token)) {
            json(ctx.response(), 401, Map.of("error", "invalid_token"));
            return;
        }
        int scripted = faults.next(operation);
        Misbehaviour misbehaviour = Misbehaviour.of(scripted);
        if (misbehaviour != null) {
            HostileAnswers.answer(vertx, ctx.response(), misbehaviour);
            return;
        }
        if (scripted == FaultPlan.GARBLED) {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html>maintenance</html>");
            return;
        }
        if (scripted != 0) {
            if (scripted == 429) {
                ctx.response().putHeader("Retry-After", scriptedRetryAfter);
            }
            json(ctx.response(), scripted, Map.of("error", "scripted_fault"));
            return;
        }
        handler.accept(ctx);
    }

    private void list(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        String type = ctx.queryParams().get("type");
        List<Map<String, Object>> matching = chats.all().stream()
                .filter(c -> state == null || state.equals(c.state()))
                .filter(c -> type == null || type.equals(c.type()))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .map(SimulatedChat::asInteraction)
                .toList();
        page(ctx, matching);
    }

    private void interaction(RoutingContext ctx) {
        SimulatedChat chat = chats.get(ctx.pathParam("id"));
        if (chat == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else {
            json(ctx.response(), 200, chat.asInteraction());
        }
    }

    private void messages(RoutingContext ctx) {
        SimulatedChat chat = chats.get(ctx.pathParam("id"));
        if (chat == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else {
            page(ctx, chat.messages(), chat.repeatsCursor());
        }
    }

    private void page(RoutingContext ctx, List<Map<String, Object>> all) {
        page(ctx, all, false);
    }

    private void page(RoutingContext ctx, List<Map<String, Object>> all, boolean repeatCursor) {
        int limit = parseLimit(ctx.queryParams().get("limit"));
        Integer offset = decodeCursor(ctx.queryParams().get("cursor"));
        if (offset == null || offset > all.size()) {
            json(ctx.response(), 400, Map.of("error", "invalid_cursor"));
            return;
        }
        int end = Math.min(all.size(), offset + limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("entities", all.subList(offset, end));
        page.put("nextPageToken", end < all.size() ? encodeCursor(end) : null);
        String cursor = ctx.queryParams().get("cursor");
        if (repeatCursor && cursor != null && !cursor.isEmpty()) {
            page.put("nextPageToken", cursor); // a broken server: the cursor gets stuck
        }
        json(ctx.response(), 200, page);
    }

    private void context(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> body = jsonBody(ctx);
        if (chats.get(id) == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else if (body == null || !(body.get("attributes") instanceof Map<?, ?> attributes)) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = Map.copyOf((Map<String, Object>) attributes);
            record.contextPatch(new ContextPatch(id, copy, Instant.now()));
            ctx.response().setStatusCode(204).end();
        }
    }

    @SuppressWarnings("unchecked")
    private void transfer(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        SimulatedChat chat = chats.get(id);
        Map<String, Object> body = jsonBody(ctx);
        if (chat == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else if (body == null || !(body.get("context") instanceof Map<?, ?> context)
                   || !(body.get("target") instanceof Map<?, ?> target)) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
        } else if (!chat.transfer()) {
            json(ctx.response(), 409, Map.of("status", "conflict"));
        } else {
            List<Map<String, Object>> history = body.get("history") instanceof List<?> list
                    ? (List<Map<String, Object>>) list : List.of();
            Object count = context.get("preserved_history_count");
            record.transfer(new Transfer(id, String.valueOf(target.get("id")), (String) context.get("handoff_reason"),
                    count instanceof Number n ? n.intValue() : -1, history, body, Instant.now()));
            json(ctx.response(), 200, Map.of("status", "transferred", "interactionId", id,
                    "queueId", String.valueOf(target.get("id"))));
        }
    }

    private void recordOnEnd(RoutingContext ctx, Operation operation) {
        Set<String> headerNames = new HashSet<>();
        ctx.request().headers().names().forEach(name -> headerNames.add(name.toLowerCase()));
        String id = ctx.pathParam("id");
        String path = ctx.request().path();
        String query = ctx.request().query();
        String method = ctx.request().method().name();
        Instant receivedAt = Instant.now();
        // once per request: when the answer ended, or when the client gave up on one that never did
        java.util.concurrent.atomic.AtomicBoolean recorded = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable recordIt = () -> {
            if (recorded.compareAndSet(false, true)) {
                record.request(new RecordedRequest(operation, id, method, path, query,
                        ctx.response().getStatusCode(), Set.copyOf(headerNames), receivedAt, Instant.now()));
            }
        };
        ctx.addEndHandler(v -> recordIt.run());
        ctx.response().closeHandler(v -> recordIt.run());
        LOG.debug("{} {} {}", method, path, operation);
    }

    private static Map<String, Object> jsonBody(RoutingContext ctx) {
        try {
            String body = ctx.body().asString();
            return body == null ? null : JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return null;
        }
    }

    private static void json(HttpServerResponse response, int status, Object body) {
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            response.setStatusCode(500).end();
        }
    }

    private static int parseLimit(String limit) {
        try {
            return limit == null ? MAX_PAGE : Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            return MAX_PAGE;
        }
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor stands for; 0 without a cursor; null for a cursor we never issued. */
    private static Integer decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.startsWith("offset:") ? Integer.parseInt(decoded.substring(7)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    void setLatencyMillis(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    void setRejectCredentials(boolean rejectCredentials) {
        this.rejectCredentials = rejectCredentials;
    }

    void setTokenLatencyMillis(long ms) {
        this.tokenLatencyMillis = ms;
    }

    void setScriptedRetryAfter(String value) {
        this.scriptedRetryAfter = value;
    }
}
