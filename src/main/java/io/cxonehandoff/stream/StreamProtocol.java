package io.cxonehandoff.stream;

/**
 * The frames of the event stream's session handshake. The tutorial API's protocol is
 * {@link TutorialStreamProtocol}; another tenant profile (e.g. DFO's event hub) plugs in here.
 */
public interface StreamProtocol {

    /** The frame that authenticates a new connection with an access token. */
    String authenticate(String token);

    /** Whether the server's answer to {@link #authenticate(String)} accepts the token. */
    boolean isAuthenticated(String frame);

    /** The frame that subscribes to the interaction events, sent once authenticated. */
    String subscribe();
}
