package io.cxonehandoff.lanes;

import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code concurrentConsumers} threads, each taking the next ready lane's next exchange and running the route
 * on it. Shutdown-aware like seda's consumer: with {@code shutdownRunningTask: CompleteAllTasks} the route
 * stops only once every queued exchange is done.
 */
class LanesConsumer extends DefaultConsumer implements ShutdownAware {

    private final LanesEndpoint endpoint;
    private KeyedLanes lanes;
    private ExecutorService workers;

    LanesConsumer(LanesEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        lanes = endpoint.lanes();
        int threads = endpoint.getConcurrentConsumers();
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "lanes-" + endpoint.name(), threads);
        for (int i = 0; i < threads; i++) {
            workers.execute(this::work);
        }
    }

    private void work() {
        while (isRunAllowed()) {
            KeyedLanes.Taken taken;
            try {
                taken = lanes.take(endpoint.getPollTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (taken != null) {
                run(taken);
            }
        }
    }

    private void run(KeyedLanes.Taken taken) {
        Exchange exchange = taken.exchange();
        // the copy still names the producing route: it now belongs to this consumer's route
        exchange.getExchangeExtension().setFromEndpoint(getEndpoint());
        exchange.getExchangeExtension().setFromRouteId(getRouteId());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            lanes.done(taken);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing exchange of lane " + taken.key(), exchange,
                    exchange.getException());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (workers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(workers);
            workers = null;
        }
        super.doStop();
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        // keep running while Camel drains the other routes: their exchanges may still end up here
        return true;
    }

    @Override
    public int getPendingExchangesSize() {
        return lanes == null ? 0 : lanes.waiting();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // nothing to prepare: workers stop taking lanes once the consumer is stopped
    }
}
