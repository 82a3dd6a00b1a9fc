package io.cxonehandoff.stream;

import java.util.Map;

import io.cxonehandoff.support.ReadinessCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of the event stream: up only while the socket is connected, authenticated and subscribed. A
 * running route with a dropped socket is alive (it reconnects) but not ready: events are not arriving.
 */
final class StreamReadinessCheck extends ReadinessCheck {

    private final ResilientClientConsumer consumer;

    StreamReadinessCheck(ResilientClientConsumer consumer, String routeId) {
        super("cxone-stream-subscribed:" + routeId);
        this.consumer = consumer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("stream.url", consumer.streamUrl());
        // simulator or tenant: an operator sees at once when a deployment is not on the real tenant
        builder.detail("mode", getCamelContext().getPropertiesComponent().resolveProperty("cxone.mode").orElse("tenant"));
        if (consumer.isSubscribed()) {
            builder.up();
        } else {
            builder.message("event stream not connected and subscribed (reconnecting)").down();
        }
    }
}
