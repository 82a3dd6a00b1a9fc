package io.cxonehandoff.stream;

import java.util.List;
import java.util.Map;

import io.cxonehandoff.support.ReadinessCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The event stream's state: up only while the socket is connected, authenticated and subscribed. A running
 * route with a dropped socket is alive (it reconnects) but gets no events.
 * <p>
 * One process ({@code clusterMode} unset): part of readiness, as before, and down until the stream's consumer
 * has started. Replicas (any cluster mode): not part of readiness, only in {@code /observe/health}: a follower
 * has no stream and must stay Ready to take over (KubernetesClusterService counts only Ready pods), and a
 * leader whose stream reconnects must not lose its leadership to a follower that would meet the same CXone.
 * A replica without a running stream consumer (a follower) reports up, saying so.
 */
public class StreamReadinessCheck extends ReadinessCheck {

    private boolean readiness = true;

    public StreamReadinessCheck() {
        super("cxone-stream-subscribed");
    }

    @Override
    public boolean isReadiness() {
        return readiness;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // simulator or tenant: an operator sees at once when a deployment is not on the real tenant
        builder.detail("mode", getCamelContext().getPropertiesComponent().resolveProperty("cxone.mode").orElse("tenant"));
        List<CxoneStreamEndpoint> streams = getCamelContext().getEndpoints().stream()
                .filter(CxoneStreamEndpoint.class::isInstance).map(CxoneStreamEndpoint.class::cast).toList();
        streams.stream().findFirst().ifPresent(stream -> builder.detail("stream.url", stream.streamUrl()));
        List<ResilientClientConsumer> running = streams.stream().map(CxoneStreamEndpoint::runningConsumer)
                .filter(c -> c != null).toList();
        if (running.isEmpty()) {
            if (readiness) {
                builder.message("event stream not started yet").down();
            } else {
                // a follower: the leader consumes the stream
                builder.detail("stream.consumer", "none (not the leader)");
                builder.up();
            }
        } else if (running.stream().allMatch(ResilientClientConsumer::isSubscribed)) {
            builder.up();
        } else {
            builder.message("event stream not connected and subscribed (reconnecting)").down();
        }
    }

    /**
     * The cluster mode (cluster.mode, CXONE_HANDOFF_CLUSTER): unset or {@code none} = one process, whose
     * readiness includes the stream; any other = a replica, whose readiness does not.
     */
    public void setClusterMode(String clusterMode) {
        String mode = clusterMode == null ? "" : clusterMode.trim();
        this.readiness = mode.isEmpty() || mode.equalsIgnoreCase("none");
    }
}
