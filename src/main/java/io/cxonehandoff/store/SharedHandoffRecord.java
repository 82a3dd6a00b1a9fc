package io.cxonehandoff.store;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The {@code handoffRepository} bean: the record {@link SharedStateFactory} chooses (PostgreSQL when a
 * JDBC URL is set, else the file), behind one bean the YAML declares with a plain property.
 */
public class SharedHandoffRecord extends ServiceSupport implements IdempotentRepository {

    private SharedStateFactory state;
    private IdempotentRepository delegate;

    /** The chosen repository, built on first use. */
    public synchronized IdempotentRepository delegate() {
        if (delegate == null) {
            if (state == null) {
                throw new IllegalStateException("handoffRepository needs the shared state (property state)");
            }
            delegate = state.handoffRepository();
        }
        return delegate;
    }

    @Override
    protected void doStart() {
        delegate().start();
    }

    @Override
    protected void doStop() {
        IdempotentRepository repository;
        synchronized (this) {
            repository = delegate;
        }
        if (repository != null) {
            repository.stop();
        }
    }

    @Override
    public boolean add(String key) {
        return delegate().add(key);
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        return delegate().add(exchange, key);
    }

    @Override
    public boolean contains(String key) {
        return delegate().contains(key);
    }

    @Override
    public boolean contains(Exchange exchange, String key) {
        return delegate().contains(exchange, key);
    }

    @Override
    public boolean remove(String key) {
        return delegate().remove(key);
    }

    @Override
    public boolean remove(Exchange exchange, String key) {
        return delegate().remove(exchange, key);
    }

    @Override
    public boolean confirm(String key) {
        return delegate().confirm(key);
    }

    @Override
    public boolean confirm(Exchange exchange, String key) {
        return delegate().confirm(exchange, key);
    }

    @Override
    public void clear() {
        delegate().clear();
    }

    public synchronized void setState(SharedStateFactory state) {
        this.state = state;
    }
}
