package io.cxonehandoff.simulator;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * DFO's event hub WebSocket (docs/cxone-dfo.md section 3) at {@code /event-hub?tenantId=&userId=}: the first frame
 * must be {@code {"action":"register","payload":{"token":...}}} with a valid token for this tenant and user, within
 * 5 s, answered {@code authorized}; anything else closes with 4001. {@code {"action":"heartbeat"}} is answered
 * {@code pong}. A registered socket receives the events of the cases its user subscribed ({@link DfoSubscriptions});
 * events for nobody are lost.
 */
final class DfoEventHub extends EventHub {

    static final String PATH = "/event-hub";

    private final TokenRegistry tokens;
    private final SimulatorRecord record;
    private final SimulatorSettings settings;
    private final DfoSubscriptions subscriptions;
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger rateLimitedRegistrations = new AtomicInteger();
    private volatile boolean jsonStringFraming;
    private volatile boolean answerHeartbeats = true;
    private volatile boolean subscriptionsEndWithConnection;

    DfoEventHub(Vertx vertx, TokenRegistry tokens, SimulatorRecord record, SimulatorSettings settings,
                DfoSubscriptions subscriptions) {
        super(vertx);
        this.tokens = tokens;
        this.record = record;
        this.settings = settings;
        this.subscriptions = subscriptions;
    }

    void accept(HttpServerRequest request) {
        sessions.accept(request, "registration timeout", this::onFrame, closed -> {
            if (subscriptionsEndWithConnection) {
                subscriptions.forget();
            }
        });
    }

    private void onFrame(HubSessions.Session session, String text) {
        JsonNode frame;
        try {
            frame = JsonAnswers.JSON.readTree(text);
        } catch (Exception e) {
            frame = null;
        }
        String action = frame == null ? "" : frame.path("action").asText();
        if ("register".equals(action)) {
            register(session, frame.path("payload").path("token").asText(null));
        } else if (!session.authenticated) {
            session.ws.close((short) 4001, "register first");
        } else if ("heartbeat".equals(action)) {
            heartbeats.incrementAndGet();
            if (answerHeartbeats) {
                session.ws.writeTextMessage(framed("pong"));
            }
        }
        // other frames of a registered socket are ignored
    }

    private void register(HubSessions.Session session, String token) {
        boolean ours = settings.getTenantId().equals(session.params.get("tenantId"))
                       && settings.getUserId().equals(session.params.get("userId"));
        if (!acceptsAuthentication() || !ours || !tokens.isValid(token)) {
            session.ws.close((short) 4001, "unauthorized");
        } else if (rateLimitedRegistrations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            session.ws.writeTextMessage(framed("RATE_LIMIT_EXCEEDED"));
        } else {
            session.authenticated = true;
            session.ready = true;
            record.authenticated(token);
            session.ws.writeTextMessage(framed("authorized"));
        }
    }

    private String framed(String word) {
        return jsonStringFraming ? "\"" + word + "\"" : word;
    }

    /** Sends an event of this case to every registered socket, if the case is subscribed. */
    void emitForCase(String caseId, String text) {
        if (subscriptions.isLive(caseId)) {
            sessions.sendToReady(text);
        }
    }

    /** Tells every registered socket it is throttled, in band (framed like {@code authorized}). */
    void sendRateLimitExceeded() {
        sessions.sendToReady(framed("RATE_LIMIT_EXCEEDED"));
    }

    int heartbeats() {
        return heartbeats.get();
    }

    void setJsonStringFraming(boolean json) {
        this.jsonStringFraming = json;
    }

    void setAnswerHeartbeats(boolean answer) {
        this.answerHeartbeats = answer;
    }

    void rateLimitNextRegistrations(int count) {
        rateLimitedRegistrations.set(count);
    }

    void setSubscriptionsEndWithConnection(boolean end) {
        this.subscriptionsEndWithConnection = end;
    }
}
