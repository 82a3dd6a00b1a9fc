package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static io.cxonehandoff.simulator.JsonAnswers.json;

/**
 * Writing to cases in the dfo profile (docs/cxone-dfo.md sections 6 and 7): the custom-fields PUT (recorded as a
 * {@link ContextPatch}) and the routing-queue PUT (recorded as a {@link Transfer}, answered with {@code X-Trace-Id},
 * then announced by a CaseToRoutingQueueAssignmentChanged event with that trace id). Both count against the case's
 * write limit.
 */
final class DfoCaseWrites {

    static final int MAX_FIELD_CHARACTERS = 1024;

    private final SimulatorSettings settings;
    private final ChatStore chats;
    private final DfoCaseView view;
    private final SimulatorRecord record;
    private final CallGate gate;
    private final CaseWriteLimiter limiter;
    private final BiConsumer<SimulatedChat, String> routingChanged;
    private final AtomicInteger lostAnswers = new AtomicInteger();

    /** {@code routingChanged} gets the case and the trace id once a routing-queue change was answered. */
    DfoCaseWrites(SimulatorSettings settings, ChatStore chats, DfoCaseView view, SimulatorRecord record, CallGate gate,
                  CaseWriteLimiter limiter, BiConsumer<SimulatedChat, String> routingChanged) {
        this.settings = settings;
        this.chats = chats;
        this.view = view;
        this.record = record;
        this.gate = gate;
        this.limiter = limiter;
        this.routingChanged = routingChanged;
    }

    void mount(Router router) {
        router.put("/dfo/3.0/contacts/:id/custom-fields").handler(ctx -> gate.gate(ctx, Operation.PATCH_CONTEXT,
                c -> write(c, this::customFields)));
        router.put("/dfo/3.0/contacts/:id/routing-queue").handler(ctx -> gate.gate(ctx, Operation.TRANSFER,
                c -> write(c, this::routingQueue)));
    }

    private interface Write {
        void apply(RoutingContext ctx, SimulatedChat chat);
    }

    private void write(RoutingContext ctx, Write write) {
        SimulatedChat chat = chats.get(ctx.pathParam("id"));
        if (chat == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
            return;
        }
        long retryAfter = limiter.tryWrite(chat.id());
        if (retryAfter > 0) {
            ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
            json(ctx.response(), 429, Map.of("error", "too_many_requests"));
            return;
        }
        write.apply(ctx, chat);
    }

    private void customFields(RoutingContext ctx, SimulatedChat chat) {
        List<Object> body = JsonAnswers.arrayBody(ctx);
        if (body == null) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Object item : body) {
            if (!(item instanceof Map<?, ?> field) || !(field.get("ident") instanceof String ident)
                || field.get("value") != null && !(field.get("value") instanceof String)) {
                json(ctx.response(), 400, Map.of("error", "bad_request"));
                return;
            }
            String value = (String) field.get("value");
            if (!settings.getCustomFieldIdents().contains(ident)) {
                json(ctx.response(), 400, Map.of("error", "unknown_custom_field"));
                return;
            }
            if (value != null && value.codePointCount(0, value.length()) > MAX_FIELD_CHARACTERS) {
                json(ctx.response(), 400, Map.of("error", "value_too_long"));
                return;
            }
            fields.put(ident, value);
        }
        chat.writeFields(fields);
        record.contextPatch(new ContextPatch(chat.id(), Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                Instant.now()));
        json(ctx.response(), 200, Map.of());
    }

    private void routingQueue(RoutingContext ctx, SimulatedChat chat) {
        Map<String, Object> body = JsonAnswers.objectBody(ctx);
        Object skill = body == null ? null : body.get("skillId");
        if (!(skill instanceof Integer skillId)) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
            return;
        }
        if (!view.isKnownSkill(skillId)) {
            json(ctx.response(), 400, Map.of("error", "unknown_skill"));
            return;
        }
        String reason = view.customFieldValues(chat).get("handoff_reason");
        if (skillId == view.agentSkillId()) {
            chat.transfer();
        }
        chat.routeTo(skillId);
        record.transfer(new Transfer(chat.id(), String.valueOf(skillId), reason, -1, List.of(), body, Instant.now()));
        String traceId = UUID.randomUUID().toString();
        ctx.response().putHeader("X-Trace-Id", traceId);
        if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // the change is made and announced, but its answer never comes: headers, then silence
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").setChunked(true).writeHead();
            routingChanged.accept(chat, traceId);
            return;
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{}")
                .onComplete(done -> routingChanged.accept(chat, traceId));
    }

    /** The next {@code count} routing-queue changes are made, but their answer never comes (an answer lost in transit). */
    void loseNextRoutingQueueAnswers(int count) {
        lostAnswers.set(count);
    }
}
