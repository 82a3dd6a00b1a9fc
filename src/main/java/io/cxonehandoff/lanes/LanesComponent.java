package io.cxonehandoff.lanes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code lanes:name}: like {@code seda:}, an in-memory queue between routes, but consumed by many threads
 * while keeping the order of exchanges that share a key (an exchange property). Camel's seda keeps order
 * only with one consumer; fixed hash partitions let one slow key hold up the others of its partition.
 */
public class LanesComponent extends DefaultComponent {

    private final Map<String, KeyedLanes> queues = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LanesEndpoint endpoint = new LanesEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The queue of this name, shared by its producers and consumer; the first endpoint sets its size. */
    KeyedLanes lanes(String name, int size) {
        return queues.computeIfAbsent(name, n -> new KeyedLanes(size));
    }
}
