package io.cxonehandoff.cluster;

import java.util.Collection;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The {@code clusterService} bean: the service {@link ClusterServiceFactory} builds for the configured
 * mode, behind one bean the YAML can declare with plain properties (a YAML {@code factoryBean} calls
 * static methods only, and a {@code script} bean binds to the first CamelContext of the JVM). Every call
 * goes to that service; Camel Main adds this bean to the context, and {@code master:} endpoints use it.
 */
public class ConfiguredClusterService extends ServiceSupport implements CamelClusterService, LeadershipCheck {

    private ClusterServiceFactory factory;
    private CamelContext camelContext;
    private CamelClusterService delegate;

    /** The service of the configured mode, built on first use (after the properties are set). */
    public synchronized CamelClusterService delegate() {
        if (delegate == null) {
            if (factory == null) {
                throw new IllegalStateException("clusterService needs its factory (property factory)");
            }
            delegate = factory.create();
            if (camelContext != null) {
                delegate.setCamelContext(camelContext);
            }
        }
        return delegate;
    }

    @Override
    protected void doStart() {
        CamelClusterService service = delegate();
        service.setCamelContext(camelContext);
        service.start();
    }

    @Override
    protected void doStop() {
        CamelClusterService service;
        synchronized (this) {
            service = delegate;
        }
        if (service != null) {
            service.stop();
        }
    }

    @Override
    public boolean confirmLeadership(String namespace) {
        CamelClusterService service = delegate();
        return service instanceof LeadershipCheck check ? check.confirmLeadership(namespace) : service.isLeader(namespace);
    }

    @Override
    public CamelClusterView getView(String namespace) throws Exception {
        return delegate().getView(namespace);
    }

    @Override
    public void releaseView(CamelClusterView view) throws Exception {
        delegate().releaseView(view);
    }

    @Override
    public Collection<String> getNamespaces() {
        return delegate().getNamespaces();
    }

    @Override
    public void startView(String namespace) throws Exception {
        delegate().startView(namespace);
    }

    @Override
    public void stopView(String namespace) throws Exception {
        delegate().stopView(namespace);
    }

    @Override
    public boolean isLeader(String namespace) {
        return delegate().isLeader(namespace);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return delegate().getAttributes();
    }

    @Override
    public int getOrder() {
        return delegate().getOrder();
    }

    @Override
    public <T extends CamelClusterService> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return delegate().unwrap(type);
    }

    @Override
    public String getId() {
        return delegate().getId();
    }

    @Override
    public void setId(String id) {
        delegate().setId(id);
    }

    @Override
    public synchronized CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public synchronized void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        if (delegate != null) {
            delegate.setCamelContext(camelContext);
        }
    }

    public synchronized void setFactory(ClusterServiceFactory factory) {
        this.factory = factory;
    }
}
