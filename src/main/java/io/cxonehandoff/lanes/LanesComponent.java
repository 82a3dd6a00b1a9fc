package io.cxonehandoff.lanes;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code lanes:name}: like {@code seda:}, an in-memory queue between routes, but consumed by many threads
 * while keeping the order of exchanges that share a key (an exchange property). Camel's seda keeps order
 * only with one consumer; fixed hash partitions let one slow key hold up the others of its partition.
 *
 * <p>The queue's size is the {@code size} an endpoint of that name states explicitly (usually the consumer),
 * whichever endpoint is created or started first: a producer without {@code size} never fixes it. Two
 * endpoints of one name that state different sizes are a configuration error, raised when the second one
 * is created (at start). With no explicit size anywhere the queue holds {@link LanesEndpoint#DEFAULT_SIZE}.
 */
public class LanesComponent extends DefaultComponent {

    private final Map<String, KeyedLanes> queues = new HashMap<>();
    /** Per queue name: the explicit size, and the endpoints that state it (while they exist). */
    private final Map<String, DeclaredSize> declared = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LanesEndpoint endpoint = new LanesEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (endpoint.isSizeStated()) {
            // here, so that a conflict fails the route's creation, before anything starts
            declareSize(endpoint);
        }
        return endpoint;
    }

    /** The queue of this name, shared by its producers and consumer. */
    synchronized KeyedLanes lanes(String name) {
        return queues.computeIfAbsent(name, n -> {
            DeclaredSize size = declared.get(n);
            return new KeyedLanes(size == null ? LanesEndpoint.DEFAULT_SIZE : size.size);
        });
    }

    /** Binds the queue to the endpoint's stated size (again on restart); a different stated size is refused. */
    synchronized void declareSize(LanesEndpoint endpoint) {
        DeclaredSize current = declared.get(endpoint.name());
        if (current != null && current.size != endpoint.getSize()) {
            throw new IllegalArgumentException("lanes:" + endpoint.name() + " is given size=" + endpoint.getSize()
                    + " by " + endpoint.getEndpointUri() + " but size=" + current.size + " by "
                    + current.endpoints.iterator().next() + ": one queue has one size");
        }
        if (current == null) {
            current = new DeclaredSize(endpoint.getSize());
            declared.put(endpoint.name(), current);
        }
        current.endpoints.add(endpoint.getEndpointUri());
        KeyedLanes existing = queues.get(endpoint.name());
        if (existing != null) {
            existing.resize(current.size);
        }
    }

    /** An endpoint stopped (its route removed, e.g. on reload): its size no longer binds the queue. */
    synchronized void released(LanesEndpoint endpoint) {
        DeclaredSize current = declared.get(endpoint.name());
        if (current != null && current.endpoints.remove(endpoint.getEndpointUri()) && current.endpoints.isEmpty()) {
            declared.remove(endpoint.name());
        }
    }

    private static final class DeclaredSize {
        final int size;
        final Set<String> endpoints = new LinkedHashSet<>();

        DeclaredSize(int size) {
            this.size = size;
        }
    }
}
