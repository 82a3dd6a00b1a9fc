package io.cxonehandoff.cluster;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One replica in a test: a Camel context with a cluster service and the view of the routes' namespace,
 * recording when it last gained and lost the leadership (System.nanoTime, comparable across members of
 * one JVM).
 */
final class ClusterMember implements AutoCloseable {

    final String name;
    final CamelContext context;
    final CamelClusterService service;
    final CamelClusterView view;
    final AtomicLong gainedAt = new AtomicLong();
    final AtomicLong lostAt = new AtomicLong();

    private ClusterMember(String name, CamelContext context, CamelClusterService service, CamelClusterView view) {
        this.name = name;
        this.context = context;
        this.service = service;
        this.view = view;
    }

    /** Starts a member with this service, in its own Camel context. */
    static ClusterMember start(String name, CamelClusterService service) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.addService(service);
        context.start();
        CamelClusterView view = service.getView(ClusterServiceFactory.DEFAULT_NAMESPACE);
        ClusterMember member = new ClusterMember(name, context, service, view);
        view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> {
            if (v.getLocalMember().isLeader()) {
                member.gainedAt.compareAndSet(0, System.nanoTime());
            } else if (member.gainedAt.get() != 0) {
                member.lostAt.compareAndSet(0, System.nanoTime());
            }
        });
        return member;
    }

    boolean isLeader() {
        return view.getLocalMember().isLeader();
    }

    LeaderGuard guard() {
        LeaderGuard guard = new LeaderGuard();
        guard.setClusterService(service);
        return guard;
    }

    @Override
    public void close() throws Exception {
        context.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
