package io.cxonehandoff.console;

import io.cxonehandoff.support.ContextServices;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Suspend and resume the CXone event stream from Hawtio (JMX). Suspended, the socket is closed: no new
 * events, while handoffs already queued finish. Resumed, it reconnects, and catch-up evaluates the chats
 * still with the bot, so nothing emitted meanwhile is lost.
 */
@ManagedResource(description = "cxone-handoff: suspend or resume the CXone event stream")
public class EventStreamControl extends ServiceSupport implements CamelContextAware {

    private CamelContext camelContext;
    private String routeId = "cxone-event-stream";

    @ManagedOperation(description = "Close the event stream until resumed (queued handoffs still finish)")
    public void suspendEventStream() throws Exception {
        camelContext.getRouteController().suspendRoute(routeId);
    }

    @ManagedOperation(description = "Reconnect the event stream, then catch up on the chats still with the bot")
    public void resumeEventStream() throws Exception {
        camelContext.getRouteController().resumeRoute(routeId);
    }

    @ManagedAttribute(description = "State of the event stream route (Started, Suspended, ...)")
    public String getEventStreamState() {
        ServiceStatus status = camelContext.getRouteController().getRouteStatus(routeId);
        return status == null ? "Unknown" : status.name();
    }

    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        if (this.camelContext == camelContext) {
            return; // register below calls back here
        }
        this.camelContext = camelContext;
        ContextServices.register(camelContext, this);
    }
}
