package io.cxonehandoff.simulator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream: authenticate within 5 s (else close 4001), then subscribe, then receive events.
 * Events emitted while no socket is subscribed are lost, as on the real platform.
 */
final class EventSocketHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventSocketHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AUTH_DEADLINE_MS = 5_000;

    private final Vertx vertx;
    private final TokenRegistry tokens;
    private final SimulatorRecord record;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean acceptAuthentication = true;

    EventSocketHub(Vertx vertx, TokenRegistry tokens, SimulatorRecord record) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.record = record;
    }

    void accept(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(ws -> {
            Session session = new Session(ws, connection, vertx.getOrCreateContext());
            sessions.add(session);
            session.authDeadline = vertx.setTimer(AUTH_DEADLINE_MS, t -> {
                if (!session.authenticated) {
                    ws.close((short) 4001, "authentication timeout");
                }
            });
            ws.textMessageHandler(text -> onFrame(session, text));
            ws.closeHandler(v -> {
                sessions.remove(session);
                vertx.cancelTimer(session.authDeadline);
            });
            ws.exceptionHandler(e -> LOG.debug("Simulator socket error: {}", e.toString()));
        }).onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
    }

    private void onFrame(Session session, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
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
            session.subscribed = true;
        }
    }

    /** Sends one text frame to every subscribed socket, in call order per socket. */
    void emit(String text) {
        for (Session session : sessions) {
            if (session.subscribed) {
                session.context.runOnContext(v -> session.ws.writeTextMessage(text));
            }
        }
    }

    /** Abrupt: the TCP connection closes with no close frame (client sees 1006). Else a 1011 close frame. */
    void drop(boolean abrupt) {
        for (Session session : sessions) {
            sessions.remove(session);
            session.subscribed = false;
            session.context.runOnContext(v -> {
                if (abrupt) {
                    // close the TCP channel below the WebSocket handlers, which would send a close frame first
                    ((ConnectionBase) session.connection).channel().pipeline().firstContext().close();
                } else {
                    session.ws.close((short) 1011, "server error");
                }
            });
        }
    }

    int subscribedSockets() {
        return (int) sessions.stream().filter(s -> s.subscribed).count();
    }

    void setAcceptAuthentication(boolean accept) {
        this.acceptAuthentication = accept;
    }

    static String eventFrame(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Session {
        final ServerWebSocket ws;
        final HttpConnection connection;
        final Context context;
        volatile boolean authenticated;
        volatile boolean subscribed;
        long authDeadline;

        Session(ServerWebSocket ws, HttpConnection connection, Context context) {
            this.ws = ws;
            this.connection = connection;
            this.context = context;
        }
    }
}
