package io.cxonehandoff.simulator;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The tutorial event stream: authenticate within 5 s (else close 4001), then subscribe, then receive events.
 * Events emitted while no socket is subscribed are lost, as on the real platform.
 */
final class EventSocketHub {

    private final TokenRegistry tokens;
    private final SimulatorRecord record;
    private final HubSessions sessions;
    private volatile boolean acceptAuthentication = true;

    EventSocketHub(Vertx vertx, TokenRegistry tokens, SimulatorRecord record) {
        this.tokens = tokens;
        this.record = record;
        this.sessions = new HubSessions(vertx);
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
            if (acceptAuthentication && tokens.isValid(token)) {
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

    /** Sends one text frame to every subscribed socket, in call order per socket. */
    void emit(String text) {
        sessions.sendToReady(text);
    }

    /** Abrupt: the TCP connection closes with no close frame (client sees 1006). Else a 1011 close frame. */
    void drop(boolean abrupt) {
        sessions.drop(abrupt);
    }

    int subscribedSockets() {
        return sessions.ready();
    }

    void setAcceptAuthentication(boolean accept) {
        this.acceptAuthentication = accept;
    }

    static String eventFrame(Map<String, Object> event) {
        return JsonAnswers.text(event);
    }
}
