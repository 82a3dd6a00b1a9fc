package io.cxonehandoff.lanes;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One named keyed queue: producers put exchanges in their key's lane, one consumer runs the lanes. */
public class LanesEndpoint extends DefaultEndpoint {

    private final String name;
    private String keyProperty = "interactionId";
    private int concurrentConsumers = 1;
    private int size = 1000;
    private long pollTimeout = 1000;

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
        return ((LanesComponent) getComponent()).lanes(name, size);
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

    /** Exchanges that may wait in all lanes together; producers block beyond it (never drop). */
    public void setSize(int size) {
        this.size = size;
    }

    public long getPollTimeout() {
        return pollTimeout;
    }

    /** How long an idle consumer thread waits before checking whether it should stop (ms). */
    public void setPollTimeout(long pollTimeout) {
        this.pollTimeout = pollTimeout;
    }
}
