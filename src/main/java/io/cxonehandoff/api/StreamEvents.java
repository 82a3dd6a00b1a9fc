package io.cxonehandoff.api;

import java.util.Map;

/**
 * Turns a parsed stream frame into the profile-independent event the lanes take ({@code {type, id, state, ...}}),
 * or says why it is no event (property {@link #IGNORED}), or that its payload must be fetched first (property
 * {@link #PAYLOAD_URL}). The tutorial's frames are such events already.
 */
public interface StreamEvents {

    /** Exchange property: why a frame is no event (a metric tag), when it is not. */
    String IGNORED = "eventIgnored";
    /** Exchange property: the URL of an event too large for the socket, to be fetched and read instead. */
    String PAYLOAD_URL = "eventPayloadUrl";

    /** The event of {@code frame}; the same map or a new one. */
    Map<String, Object> toEvent(Map<String, Object> frame, org.apache.camel.Exchange exchange);
}
