package io.cxonehandoff.stream;

import org.apache.camel.spi.Metadata;

/** The header a {@code cxone-stream:} consumer sets on every exchange, and its values. */
public final class CxoneStreamConstants {

    @Metadata(label = "consumer", javaType = "String", description = """
            What the exchange is: READY (the connection is authenticated and subscribed; no body), FRAME (one text \
            frame from the server, in the body) or RECONNECTING (the connection was lost or given up and a reconnect \
            is scheduled; the reason, in words, in the body).""")
    public static final String EVENT = "CxoneStreamEvent";

    /** The connection is (again) authenticated and subscribed: events emitted while away are not replayed. */
    public static final String READY = "ready";
    /** One text frame from the server, in the body, in arrival order. */
    public static final String FRAME = "frame";
    /** The connection was lost or given up; a reconnect is scheduled. The reason is in the body. */
    public static final String RECONNECTING = "reconnecting";

    private CxoneStreamConstants() {
    }
}
