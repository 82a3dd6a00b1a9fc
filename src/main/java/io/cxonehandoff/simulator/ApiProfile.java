package io.cxonehandoff.simulator;

import io.vertx.ext.web.Router;

/**
 * What differs between the tutorial API and CXone's digital API (DFO): the routes, how a chat is sent as an event,
 * the socket's protocol. The chats, the record and the faults are shared ({@link CxoneSimulator}).
 */
interface ApiProfile {

    /** Mounts the event socket and the REST routes (the socket first: the REST routes read bodies). */
    void mount(Router router);

    /** Path of the event socket. */
    String socketPath();

    /** Sends the chat as an event to whoever should get it; {@code stateOverride} (may be null) in place of its state. */
    void emitEvent(SimulatedChat chat, String stateOverride);

    /** The event socket's hub: raw frames, dropped connections, refused authentication. */
    EventHub hub();

    /** The profile's own faults off again (those of the hub and the tokens are the facade's). */
    default void resetFaults() {
    }
}
