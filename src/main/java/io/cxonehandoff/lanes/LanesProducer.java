package io.cxonehandoff.lanes;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ExchangeHelper;

/**
 * Puts a copy of the exchange in its key's lane, or coalesces it with the lane's waiting one (the endpoint's
 * {@code aggregationStrategy}), and returns (fire and forget, as seda does for InOnly).
 */
class LanesProducer extends DefaultProducer {

    private final LanesEndpoint endpoint;
    private KeyedLanes lanes;

    LanesProducer(LanesEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        lanes = endpoint.lanes();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String key = exchange.getProperty(endpoint.getKeyProperty(), String.class);
        if (key == null) {
            throw new IllegalArgumentException("No lane key: exchange property " + endpoint.getKeyProperty() + " is not set");
        }
        lanes.put(key, ExchangeHelper.createCorrelatedCopy(exchange, false, true), endpoint.getAggregationStrategy());
    }
}
