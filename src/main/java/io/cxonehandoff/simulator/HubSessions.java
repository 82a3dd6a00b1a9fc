package io.cxonehandoff.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open sockets of an event hub: accepting them with a deadline to become ready (else close 4001), sending to the
 * ready ones in call order per socket, and dropping them the ways real platforms do.
 */
final class HubSessions {

    private static final Logger LOG = LoggerFactory.getLogger(HubSessions.class);
    private static final long READY_DEADLINE_MS = 5_000;

    /** One socket; {@code ready} = it receives events (subscribed, or registered). */
    static final class Session {
        final ServerWebSocket ws;
        final HttpConnection connection;
        final Context context;
        /** The query parameters of the upgrade request. */
        final MultiMap params;
        volatile boolean authenticated;
        volatile boolean ready;
        long deadline;

        Session(ServerWebSocket ws, HttpConnection connection, Context context, MultiMap params) {
            this.ws = ws;
            this.connection = connection;
            this.context = context;
            this.params = params;
        }

        /** Writes on the socket's own context, so frames keep their order. */
        void send(String text) {
            context.runOnContext(v -> ws.writeTextMessage(text));
        }
    }

    private final Vertx vertx;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    HubSessions(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Upgrades the request; the session gets its text frames; {@code onClose} runs when it closes. */
    void accept(HttpServerRequest request, String deadlineReason, FrameHandler frames, Consumer<Session> onClose) {
        HttpConnection connection = request.connection();
        MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
        request.toWebSocket().onSuccess(ws -> {
            Session session = new Session(ws, connection, vertx.getOrCreateContext(), params);
            sessions.add(session);
            session.deadline = vertx.setTimer(READY_DEADLINE_MS, t -> {
                if (!session.authenticated) {
                    ws.close((short) 4001, deadlineReason);
                }
            });
            ws.textMessageHandler(text -> frames.onFrame(session, text));
            ws.closeHandler(v -> {
                sessions.remove(session);
                vertx.cancelTimer(session.deadline);
                onClose.accept(session);
            });
            ws.exceptionHandler(e -> LOG.debug("Simulator socket error: {}", e.toString()));
        }).onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
    }

    /** Sends one text frame to every ready socket. */
    void sendToReady(String text) {
        for (Session session : sessions) {
            if (session.ready) {
                session.send(text);
            }
        }
    }

    /** Abrupt: the TCP connection closes with no close frame (client sees 1006). Else a 1011 close frame. */
    void drop(boolean abrupt) {
        for (Session session : sessions) {
            sessions.remove(session);
            session.ready = false;
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

    int ready() {
        return (int) sessions.stream().filter(s -> s.ready).count();
    }

    /** A hub's reaction to one text frame. */
    interface FrameHandler {
        void onFrame(Session session, String text);
    }
}
