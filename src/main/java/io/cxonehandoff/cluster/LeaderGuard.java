package io.cxonehandoff.cluster;

import io.cxonehandoff.support.ContextAwareBean;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.cluster.ClusterServiceHelper;

/**
 * What the routes call before a write (a context update, a transfer, a replay): {@link #assertLeader()}
 * fails fast on a replica that does not lead the namespace. With the postgresql service the answer comes
 * from the database session that holds the lock, so a leader that was paused past its session timeout and
 * replaced is refused; with the others it is the local view's knowledge (file: its last heartbeat;
 * kubernetes: its lease, which it gives up by itself when it cannot renew). CXone's 409 on a second
 * transfer stays the last guard for a write already past this check.
 * <p>
 * It asks the context's cluster service, the one {@code master:} endpoints use: Camel Main may build a
 * YAML bean twice (depending on the order it loads the route files), and only the first
 * {@code clusterService} is started, so a {@code #bean:} reference could name the idle copy.
 */
public class LeaderGuard extends ContextAwareBean {

    private CamelClusterService clusterService;
    private String namespace = ClusterServiceFactory.DEFAULT_NAMESPACE;

    /** True if this replica leads the namespace now. */
    public boolean isLeader() {
        CamelClusterService clusterService = clusterService();
        if (clusterService == null) {
            return false;
        }
        if (clusterService instanceof LeadershipCheck check) {
            return check.confirmLeadership(namespace);
        }
        return clusterService.isLeader(namespace);
    }

    /** Throws {@link NotLeaderException} unless this replica leads the namespace now. */
    public void assertLeader() {
        if (!isLeader()) {
            CamelClusterService clusterService = clusterService();
            throw new NotLeaderException("Not the leader of " + namespace + " (cluster member "
                                         + (clusterService == null ? "none" : clusterService.getId())
                                         + "): the write is left to the leader");
        }
    }

    private CamelClusterService clusterService() {
        if (clusterService != null) {
            return clusterService;
        }
        CamelContext camelContext = getCamelContext();
        return camelContext == null ? null : ClusterServiceHelper.lookupService(camelContext).orElse(null);
    }

    /** A given service instead of the context's (tests, or a context with several). */
    public void setClusterService(CamelClusterService clusterService) {
        this.clusterService = clusterService;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getNamespace() {
        return namespace;
    }
}
