package io.cxonehandoff.lanes;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One named keyed queue: producers put exchanges in their key's lane, one consumer runs the lanes. */
public class LanesEndpoint extends DefaultEndpoint {

    /** The queue's size when no endpoint of its name states one. */
    static final int DEFAULT_SIZE = 1000;

    private final String name;
    private String keyProperty = "interactionId";
    private int concurrentConsumers = 1;
    private int size = DEFAULT_SIZE;
    private boolean sizeStated;
    private long pollTimeout = 1000;
    private String deadLetterUri;
    private AggregationStrategy aggregationStrategy;

    LanesEndpoint(String uri, LanesComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        return new LanesProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new LanesConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    KeyedLanes lanes() {
        return ((LanesComponent) getComponent()).lanes(name);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (sizeStated) {
            ((LanesComponent) getComponent()).declareSize(this);
        }
    }

    @Override
    protected void doStop() throws Exception {
        // stopped when removed (a route reloaded with another size, say): its size no longer binds the queue
        ((LanesComponent) getComponent()).released(this);
        super.doStop();
    }

    /** Whether {@code size} was given to this endpoint (else it takes the queue's, whatever that is). */
    boolean isSizeStated() {
        return sizeStated;
    }

    String name() {
        return name;
    }

    public String getKeyProperty() {
        return keyProperty;
    }

    /** The exchange property whose value is the lane key (default {@code interactionId}). */
    public void setKeyProperty(String keyProperty) {
        this.keyProperty = keyProperty;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    /** Lanes processed at once (consumer threads). */
    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getSize() {
        return size;
    }

    /**
     * Exchanges that may wait in all lanes together; producers block beyond it (never drop). Set on one
     * endpoint of the name (the consumer, say), it sizes the queue for all of them.
     */
    public void setSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("lanes:" + name + " size must be at least 1, got " + size);
        }
        this.size = size;
        this.sizeStated = true;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    /**
     * Consumer: where an exchange goes when the route fails it and nothing handled the failure, an
     * {@link Error} included. It goes with the body it had when taken from its lane and the failure as
     * {@code Exchange.EXCEPTION_CAUGHT}. Unset: the failure is only logged.
     */
    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public long getPollTimeout() {
        return pollTimeout;
    }

    /** How long an idle consumer thread waits before checking whether it should stop (ms). */
    public void setPollTimeout(long pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public AggregationStrategy getAggregationStrategy() {
        return aggregationStrategy;
    }

    /**
     * Producer: coalesces an exchange with the last one still waiting in its key's lane, unless the strategy's
     * {@code preComplete(waiting, arriving)} keeps them apart; {@code aggregate(waiting, arriving)} gives the
     * exchange that waits in their place. Unset: every exchange waits its own turn.
     */
    public void setAggregationStrategy(AggregationStrategy aggregationStrategy) {
        this.aggregationStrategy = aggregationStrategy;
    }
}
