package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import static io.cxonehandoff.simulator.JsonAnswers.json;
import static io.cxonehandoff.simulator.JsonAnswers.objectBody;

/** The REST side of the tutorial contract (docs/cxone-api.md); every API call passes the {@link CallGate}. */
final class RestApi {

    private static final int MAX_PAGE = 100;

    private final Vertx vertx;
    private final SimulatorSettings settings;
    private final ChatStore chats;
    private final TokenRegistry tokens;
    private final FaultPlan faults;
    private final SimulatorRecord record;
    private final CallGate gate;
    private final AgentDesk desk;

    RestApi(Vertx vertx, SimulatorSettings settings, ChatStore chats, TokenRegistry tokens, FaultPlan faults,
            SimulatorRecord record, CallGate gate, AgentDesk desk) {
        this.desk = desk;
        this.vertx = vertx;
        this.settings = settings;
        this.chats = chats;
        this.tokens = tokens;
        this.faults = faults;
        this.record = record;
        this.gate = gate;
    }

    void mount(Router router) {
        // no file uploads here: without this, Vert.x makes an empty file-uploads/ in the working directory
        router.route().handler(BodyHandler.create(false));
        router.post("/oauth/token").handler(this::token);
        router.get("/api/v2/interactions").handler(ctx -> gate.gate(ctx, Operation.LIST_INTERACTIONS, this::list));
        router.get("/api/v2/interactions/:id").handler(ctx -> gate.gate(ctx, Operation.GET_INTERACTION, this::interaction));
        router.get("/api/v2/interactions/:id/messages").handler(ctx -> gate.gate(ctx, Operation.GET_MESSAGES, this::messages));
        router.patch("/api/v2/interactions/:id/context").handler(ctx -> gate.gate(ctx, Operation.PATCH_CONTEXT, this::context));
        router.post("/api/v2/interactions/:id/transfer").handler(ctx -> gate.gate(ctx, Operation.TRANSFER, this::transfer));
        router.post("/api/v2/interactions/:id/messages").handler(ctx -> gate.gate(ctx, Operation.POST_MESSAGE, this::message));
        router.get("/api/v2/queues/:queueId/availability").handler(ctx -> gate.gate(ctx, Operation.GET_AVAILABILITY, this::availability));
    }

    private void token(RoutingContext ctx) {
        gate.record(ctx, Operation.TOKEN, ctx.pathParam("id"));
        Misbehaviour misbehaviour = Misbehaviour.of(faults.next(Operation.TOKEN));
        if (misbehaviour != null) {
            HostileAnswers.answer(vertx, ctx.response(), misbehaviour);
            return;
        }
        long latency = gate.tokenLatencyMillis();
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
        } else if (tokens.rejectsCredentials() || !settings.getClientId().equals(form.get("client_id"))
                   || !settings.getClientSecret().equals(form.get("client_secret"))) {
            json(ctx.response(), 401, Map.of("error", "invalid_client"));
        } else {
            json(ctx.response(), 200, Map.of("access_token", tokens.issue(), "token_type", "Bearer",
                    "expires_in", tokens.ttlSeconds()));
        }
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
        page(ctx, matching, false);
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

    private void page(RoutingContext ctx, List<Map<String, Object>> all, boolean repeatCursor) {
        int limit = parseLimit(ctx.queryParams().get("limit"));
        Integer offset = OffsetCursor.decode(ctx.queryParams().get("cursor"));
        if (offset == null || offset > all.size()) {
            json(ctx.response(), 400, Map.of("error", "invalid_cursor"));
            return;
        }
        int end = Math.min(all.size(), offset + limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("entities", all.subList(offset, end));
        page.put("nextPageToken", end < all.size() ? OffsetCursor.encode(end) : null);
        String cursor = ctx.queryParams().get("cursor");
        if (repeatCursor && cursor != null && !cursor.isEmpty()) {
            page.put("nextPageToken", cursor); // a broken server: the cursor gets stuck
        }
        json(ctx.response(), 200, page);
    }

    private void context(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> body = objectBody(ctx);
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
        Map<String, Object> body = objectBody(ctx);
        if (chat == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else if (body == null || !(body.get("context") instanceof Map<?, ?> context)
                   || !(body.get("target") instanceof Map<?, ?> target)) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
        } else if (!chat.transfer(String.valueOf(target.get("id")))) {
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

    private void message(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> body = objectBody(ctx);
        if (chats.get(id) == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else if (body == null || !(body.get("content") instanceof String content) || content.isBlank()
                   || !"system".equals(body.get("author"))) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
        } else {
            desk.message(new CustomerMessage(id, "system", content, Instant.now()));
            json(ctx.response(), 201, Map.of("status", "sent"));
        }
    }

    private void availability(RoutingContext ctx) {
        if (desk.availabilityMissing()) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else {
            json(ctx.response(), 200, desk.availability(ctx.pathParam("queueId")).asJson());
        }
    }

    private static int parseLimit(String limit) {
        try {
            return limit == null ? MAX_PAGE : Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            return MAX_PAGE;
        }
    }
}
