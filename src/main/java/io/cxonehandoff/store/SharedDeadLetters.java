package io.cxonehandoff.store;

import java.util.List;

import io.cxonehandoff.deadletter.DeadLetterStore;
import io.cxonehandoff.support.ContextService;
import org.apache.camel.Exchange;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;

/**
 * The {@code deadLetterStore} bean: the store {@link SharedStateFactory} chooses (the {@code dead_letter}
 * table when a JDBC URL is set, else files), behind one bean with the operations the routes and Hawtio
 * call. The two stores share no interface, so each operation names both.
 */
@ManagedResource(description = "Handoffs that failed for good: list and replay them")
public class SharedDeadLetters extends ContextService {

    private SharedStateFactory state;
    private ContextService delegate;

    /** The chosen store, built on first use. */
    public synchronized ContextService delegate() {
        if (delegate == null) {
            if (state == null) {
                throw new IllegalStateException("deadLetterStore needs the shared state (property state)");
            }
            delegate = state.deadLetterStore();
            delegate.setCamelContext(getCamelContext());
        }
        return delegate;
    }

    /** Stores the failed exchange's event and error; returns the letter's name. */
    public String store(Exchange exchange) throws Exception {
        return delegate() instanceof PostgresDeadLetterStore shared ? shared.store(exchange) : files().store(exchange);
    }

    @ManagedOperation(description = "Names of the stored dead letters, oldest first")
    public List<String> list() {
        return delegate() instanceof PostgresDeadLetterStore shared ? shared.list() : files().list();
    }

    @ManagedOperation(description = "Number of stored dead letters")
    public int count() {
        return delegate() instanceof PostgresDeadLetterStore shared ? shared.count() : files().count();
    }

    @ManagedOperation(description = "Queues one dead letter's event again; returns false if there is no such letter")
    public boolean replay(String name) throws Exception {
        return delegate() instanceof PostgresDeadLetterStore shared ? shared.replay(name) : files().replay(name);
    }

    @ManagedOperation(description = "Queues every stored dead letter again; returns how many")
    public int replayAll() throws Exception {
        return delegate() instanceof PostgresDeadLetterStore shared ? shared.replayAll() : files().replayAll();
    }

    private DeadLetterStore files() {
        return (DeadLetterStore) delegate();
    }

    @Override
    protected void doStart() {
        delegate().start();
    }

    @Override
    protected void doStop() {
        ContextService store;
        synchronized (this) {
            store = delegate;
        }
        if (store != null) {
            store.stop();
        }
    }

    public synchronized void setState(SharedStateFactory state) {
        this.state = state;
    }
}
