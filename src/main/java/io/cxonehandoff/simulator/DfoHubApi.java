package io.cxonehandoff.simulator;

import java.util.Map;
import java.util.function.Supplier;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static io.cxonehandoff.simulator.JsonAnswers.json;

/**
 * The REST side of DFO's event hub: where it is ({@code GET /dfo/3.0/event-hub-url}, which can be made to fail so
 * the integration's URL template is used) and a case's subscription ({@code POST /dfo/3.0/event-hub-subscriptions}).
 */
final class DfoHubApi {

    private final ChatStore chats;
    private final DfoSubscriptions subscriptions;
    private final CallGate gate;
    private final Supplier<String> eventHubUrl;
    /** 0 = healthy; 200 = answers without a URL; anything else = that status on every call. */
    private volatile int eventHubUrlFault;

    DfoHubApi(ChatStore chats, DfoSubscriptions subscriptions, CallGate gate, Supplier<String> eventHubUrl) {
        this.chats = chats;
        this.subscriptions = subscriptions;
        this.gate = gate;
        this.eventHubUrl = eventHubUrl;
    }

    void mount(Router router) {
        router.get("/dfo/3.0/event-hub-url").handler(ctx -> gate.gate(ctx, Operation.EVENT_HUB_URL, null, this::url));
        router.post("/dfo/3.0/event-hub-subscriptions").handler(ctx -> gate.gate(ctx, Operation.SUBSCRIBE,
                caseOf(JsonAnswers.objectBody(ctx)), this::subscribe));
    }

    private void url(RoutingContext ctx) {
        int fault = eventHubUrlFault;
        if (fault == 0) {
            json(ctx.response(), 200, Map.of("websocketUrl", eventHubUrl.get()));
        } else if (fault == 200) {
            json(ctx.response(), 200, Map.of());
        } else {
            json(ctx.response(), fault, Map.of("error", "event_hub_url_unavailable"));
        }
    }

    private void subscribe(RoutingContext ctx) {
        Map<String, Object> body = JsonAnswers.objectBody(ctx);
        String caseId = caseOf(body);
        if (caseId == null || !"contact".equals(body.get("subscriptionType"))) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
        } else if (chats.get(caseId) == null) {
            json(ctx.response(), 404, Map.of("error", "not_found"));
        } else {
            subscriptions.subscribe(caseId);
            json(ctx.response(), 200, Map.of());
        }
    }

    private static String caseOf(Map<String, Object> body) {
        return body != null && body.get("relationObjectId") instanceof String id ? id : null;
    }

    void setEventHubUrlFault(int status) {
        this.eventHubUrlFault = status;
    }
}
