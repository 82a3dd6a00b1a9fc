package io.cxonehandoff.simulator;

import io.vertx.core.Vertx;

/**
 * An event socket's hub, whatever its protocol (the tutorial stream {@link EventSocketHub}, DFO's event hub
 * {@link DfoEventHub}): its open sockets, and what the facade does to either: raw frames, dropped connections,
 * refused authentication.
 */
abstract class EventHub {

    protected final HubSessions sessions;
    private volatile boolean acceptAuthentication = true;

    EventHub(Vertx vertx) {
        this.sessions = new HubSessions(vertx);
    }

    /** Sends one text frame, as it is, to every socket that receives events, in call order per socket. */
    void emit(String text) {
        sessions.sendToReady(text);
    }

    /** Abrupt: the TCP connection closes with no close frame (client sees 1006). Else a 1011 close frame. */
    void drop(boolean abrupt) {
        sessions.drop(abrupt);
    }

    /** Sockets that receive events (tutorial: subscribed; dfo: registered). */
    int readySockets() {
        return sessions.ready();
    }

    /** While false, every authentication (dfo: registration) is refused and the socket closed with 4001. */
    void setAcceptAuthentication(boolean accept) {
        this.acceptAuthentication = accept;
    }

    boolean acceptsAuthentication() {
        return acceptAuthentication;
    }
}
