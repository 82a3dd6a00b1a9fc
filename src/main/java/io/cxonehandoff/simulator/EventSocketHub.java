package io.cxonehandoff.simulator;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The tutorial event stream: authenticate within 5 s (else close 4001), then subscribe, then receive events.
 * Events emitted while no socket is subscribed are lost, as on the real platform.
 */
final class EventSocketHub extends EventHub {

    private final TokenRegistry tokens;
    private final SimulatorRecord record;

    EventSocketHub(Vertx vertx, TokenRegistry tokens, SimulatorRecord record) {
        super(vertx);
        this.tokens = tokens;
        this.record = record;
    }

    void accept(HttpServerRequest request) {
        sessions.accept(request, "authentication timeout", this::onFrame, closed -> { });
    }

    private void onFrame(HubSessions.Session session, String text) {
        JsonNode frame;
        try {
            frame = JsonAnswers.JSON.readTree(text);
        } catch (Exception e) {
            return; // unknown frames are ignored
        }
        String action = frame == null ? "" : frame.path("action").asText();
        if ("authenticate".equals(action)) {
            String token = frame.path("token").asText(null);
            if (acceptsAuthentication() && tokens.isValid(token)) {
                session.authenticated = true;
                record.authenticated(token);
                session.ws.writeTextMessage("{\"status\":\"authenticated\"}");
            } else {
                session.ws.writeTextMessage("{\"status\":\"unauthorized\"}");
                session.ws.close((short) 4001, "unauthorized");
            }
        } else if ("subscribe".equals(action) && session.authenticated) {
            session.ready = true;
        }
    }

    static String eventFrame(Map<String, Object> event) {
        return JsonAnswers.text(event);
    }
}
