package io.cxonehandoff.cluster;

import java.util.Map;

import org.apache.camel.StatefulService;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.cluster.ClusterServiceHelper;

/**
 * Readiness of a replica: up while its cluster service runs, leader or follower alike, with its role in
 * the details. This is what a Kubernetes readiness probe must ask: KubernetesClusterService counts only
 * Ready pods as members, so a follower (which has no stream) must be Ready to take over, and the stream's
 * own state must not decide who leads.
 */
public class ClusterMemberCheck extends AbstractHealthCheck {

    private CamelClusterService clusterService;
    private String namespace = ClusterServiceFactory.DEFAULT_NAMESPACE;

    public ClusterMemberCheck() {
        super("cxone", "cluster-member");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // the context's service, as master: uses (a YAML #bean: reference may name an idle copy: see LeaderGuard)
        CamelClusterService clusterService = this.clusterService != null ? this.clusterService
                : ClusterServiceHelper.lookupService(getCamelContext()).orElse(null);
        if (clusterService == null) {
            builder.message("no cluster service").down();
            return;
        }
        builder.detail("cluster.member", clusterService.getId());
        boolean running = !(clusterService instanceof StatefulService s) || s.isStarted();
        if (!running) {
            builder.message("cluster service not running").down();
            return;
        }
        // isLeader reads the local view's state: no view is retained here (that could start one)
        builder.detail("cluster.role", clusterService.isLeader(namespace) ? "leader" : "follower");
        builder.up();
    }

    /** A given service instead of the context's. */
    public void setClusterService(CamelClusterService clusterService) {
        this.clusterService = clusterService;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
