package io.cxonehandoff.store;

import java.util.List;

import io.cxonehandoff.cluster.LeaderGuard;
import io.cxonehandoff.deadletter.DeadLetters;
import io.cxonehandoff.support.ContextService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code deadLetterStore} bean: the store {@link SharedStateFactory} chooses (the {@code dead_letter}
 * table when a JDBC URL is set, else files), behind one bean with the operations the routes and Hawtio
 * call. Only the leader queues a replay (its events are handed off by the leader alone): a replay asked of a
 * follower is recorded in the store, and the leader's {@code dead-letter-replay-requests} timer carries it
 * out ({@link #replayRequested}). One process is always the leader, so there a replay is queued at once.
 */
@ManagedResource(description = "Handoffs that failed for good: list and replay them (from any replica)")
public class SharedDeadLetters extends ContextService {

    private static final Logger LOG = LoggerFactory.getLogger(SharedDeadLetters.class);

    private SharedStateFactory state;
    private LeaderGuard leaderGuard;
    private ContextService delegate;

    /** The chosen store, built on first use. */
    public synchronized ContextService delegate() {
        if (delegate == null) {
            if (state == null) {
                throw new IllegalStateException("deadLetterStore needs the shared state (property state)");
            }
            delegate = state.deadLetterStore();
            if (getCamelContext() != null) {
                delegate.setCamelContext(getCamelContext());
            }
        }
        return delegate;
    }

    private DeadLetters letters() {
        return (DeadLetters) delegate();
    }

    /** Stores the failed exchange's event and error; returns the letter's name. */
    public String store(Exchange exchange) throws Exception {
        return letters().store(exchange);
    }

    @ManagedOperation(description = "Names of the dead letters waiting (not replayed, no replay requested), oldest first")
    public List<String> list() {
        return letters().list();
    }

    @ManagedOperation(description = "Number of dead letters waiting")
    public int count() {
        return letters().count();
    }

    @ManagedOperation(description = "Queues one dead letter's event again (on a follower: the leader does, within seconds);"
                                    + " returns false if there is no such letter")
    public boolean replay(String name) throws Exception {
        if (guard().isLeader()) {
            return letters().replay(name);
        }
        boolean requested = letters().requestReplay(name);
        if (requested) {
            LOG.info("Dead letter {}: replay recorded for the leader (this replica does not lead)", name);
        }
        return requested;
    }

    @ManagedOperation(description = "Queues every dead letter waiting (on a follower: the leader does); returns how many")
    public int replayAll() throws Exception {
        int replayed = 0;
        for (String name : list()) {
            if (replay(name)) {
                replayed++;
            }
        }
        return replayed;
    }

    /**
     * On the leader (its timer): replays the letters whose replay a follower recorded; returns how many.
     * Checks the leadership before each one, so a leader that just lost it queues nothing more.
     */
    public int replayRequested() throws Exception {
        List<String> requested = letters().requested();
        if (requested.isEmpty() || !guard().isLeader()) {
            return 0;
        }
        int replayed = 0;
        for (String name : requested) {
            guard().assertLeader();
            if (letters().replay(name)) {
                replayed++;
            }
        }
        return replayed;
    }

    private LeaderGuard guard() {
        LeaderGuard guard = leaderGuard;
        if (guard == null) {
            // no guard configured: the context's cluster service decides, as master: does
            guard = new LeaderGuard();
            guard.setCamelContext(getCamelContext());
            leaderGuard = guard;
        }
        return guard;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        ContextService store;
        synchronized (this) {
            store = delegate;
        }
        if (store != null && camelContext != null) {
            store.setCamelContext(camelContext);
        }
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

    /** What decides whether this replica leads (default: the context's cluster service). */
    public void setLeaderGuard(LeaderGuard leaderGuard) {
        this.leaderGuard = leaderGuard;
    }
}
