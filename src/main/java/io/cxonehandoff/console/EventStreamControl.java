package io.cxonehandoff.console;

import io.cxonehandoff.support.ContextService;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;

/**
 * Suspend and resume the CXone event stream from Hawtio (JMX). Suspended, the socket is closed: no new
 * events, while handoffs already queued finish. Resumed, it reconnects, and catch-up evaluates the chats
 * still with the bot, so nothing emitted meanwhile is lost.
 */
@ManagedResource(description = "cxone-handoff: suspend or resume the CXone event stream")
public class EventStreamControl extends ContextService {

    private static final String ROUTE_ID = "cxone-event-stream";

    @ManagedOperation(description = "Close the event stream until resumed (queued handoffs still finish)")
    public void suspendEventStream() throws Exception {
        getCamelContext().getRouteController().suspendRoute(ROUTE_ID);
    }

    @ManagedOperation(description = "Reconnect the event stream, then catch up on the chats still with the bot")
    public void resumeEventStream() throws Exception {
        getCamelContext().getRouteController().resumeRoute(ROUTE_ID);
    }

    @ManagedAttribute(description = "State of the event stream route (Started, Suspended, ...)")
    public String getEventStreamState() {
        ServiceStatus status = getCamelContext().getRouteController().getRouteStatus(ROUTE_ID);
        return status == null ? "Unknown" : status.name();
    }
}
