package io.cxonehandoff.stream;

import java.net.URI;

/**
 * The session of the event stream, per API profile: how a connection is authenticated and started, how it is
 * kept alive, and where it goes. The tutorial's is {@link TutorialStreamProtocol} (authenticate, subscribe,
 * WebSocket pings); the dfo profile's event hub registers, sends heartbeat frames and may say it throttles.
 */
public interface StreamProtocol {

    /** The frame that authenticates a new connection with an access token. */
    String authenticate(String token);

    /** Whether the server's answer to {@link #authenticate(String)} accepts the token. */
    boolean isAuthenticated(String frame);

    /** The frame that starts the events once authenticated, or null when none is needed. */
    String subscribe();

    /** A keep-alive frame sent every {@code pingInterval}, or null to use WebSocket pings and pongs. */
    default String heartbeat() {
        return null;
    }

    /** Whether a frame answers {@link #heartbeat()}: it is then no event. */
    default boolean isHeartbeatAnswer(String frame) {
        return false;
    }

    /** Whether the server says in band that it throttles this client: reconnect after a longer pause. */
    default boolean isRateLimited(String frame) {
        return false;
    }

    /**
     * Where to connect: the endpoint's URL, unless the profile discovers it. Called before every connection,
     * off the stream thread (it may ask CXone).
     */
    default URI connectUri(URI configured) {
        return configured;
    }
}
