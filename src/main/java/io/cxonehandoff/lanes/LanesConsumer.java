package io.cxonehandoff.lanes;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.Producer;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code concurrentConsumers} threads, each taking the next ready lane's next exchange and running the route
 * on it. Shutdown-aware like seda's consumer: with {@code shutdownRunningTask: CompleteAllTasks} the route
 * stops only once every queued exchange is done.
 *
 * <p>A worker survives whatever the route throws, an {@link Error} such as an OutOfMemoryError from a huge
 * answer included, and takes the next lane, so the pool keeps its {@code concurrentConsumers} threads. The
 * rest of the failed exchange's routing is run at once with the failure set, so the route's own handling
 * ({@code doCatch}, error handler) still sees it as a failure; what the route leaves unhandled is logged in
 * one line (its type, never its message, which may quote the content), counted, and the exchange goes to
 * {@code deadLetterUri}.
 */
class LanesConsumer extends DefaultConsumer implements ShutdownAware {

    /**
     * The failures no route handled are counted as failed handoffs ({@code cxone.handoff.failed}, reason
     * {@code internal_error}): each exchange of these lanes is one handoff decision, and that is the meter
     * operators already watch and Hawtio's "failed" sums, where a separate worker-errors meter would go unseen.
     */
    static final String FAILED_METER = "cxone.handoff.failed";
    static final String FAILED_REASON = "internal_error";

    private static final Logger LOG = LoggerFactory.getLogger(LanesConsumer.class);

    private final LanesEndpoint endpoint;
    private final AtomicInteger runningWorkers = new AtomicInteger();
    private KeyedLanes lanes;
    private ExecutorService workers;
    private Producer deadLetter;
    private volatile Counter failures;

    LanesConsumer(LanesEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        lanes = endpoint.lanes();
        if (endpoint.getDeadLetterUri() != null) {
            deadLetter = getEndpoint().getCamelContext().getEndpoint(endpoint.getDeadLetterUri()).createProducer();
            ServiceHelper.startService(deadLetter);
        }
        int threads = endpoint.getConcurrentConsumers();
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "lanes-" + endpoint.name(), threads);
        for (int i = 0; i < threads; i++) {
            workers.execute(this::work);
        }
    }

    private void work() {
        runningWorkers.incrementAndGet();
        try {
            while (isRunAllowed()) {
                KeyedLanes.Taken taken;
                try {
                    taken = lanes.take(endpoint.getPollTimeout());
                } catch (InterruptedException e) {
                    if (!isRunAllowed()) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    // an interrupt the route left behind, not a stop: this worker goes on
                    continue;
                }
                if (taken != null) {
                    run(taken);
                }
            }
        } finally {
            runningWorkers.decrementAndGet();
        }
    }

    private void run(KeyedLanes.Taken taken) {
        Exchange exchange = taken.exchange();
        Object takenBody = exchange.getMessage().getBody();
        // the copy still names the producing route: it now belongs to this consumer's route
        exchange.getExchangeExtension().setFromEndpoint(getEndpoint());
        exchange.getExchangeExtension().setFromRouteId(getRouteId());
        try {
            Throwable thrown = null;
            try {
                getProcessor().process(exchange);
            } catch (Throwable e) {
                thrown = e;
                // an Error is kept as the exchange's exception wrapped in a CamelExecutionException
                exchange.setException(e);
                finishAbandonedRouting();
            }
            if (exchange.getException() != null) {
                failed(taken, exchange, takenBody, thrown != null ? thrown : exchange.getException());
            }
        } catch (Throwable e) {
            // last resort: even the failure handling failed; the worker must still go on
            LOG.error("lanes:{} lane {}: {} while handling a failed exchange", endpoint.name(), taken.key(),
                    e.getClass().getName());
        } finally {
            // only now may the key's next exchange run: after this one's dead letter is stored
            lanes.done(taken);
        }
    }

    /**
     * An Error (not an Exception) escapes Camel's reactive executor and leaves the rest of the exchange's
     * routing queued on this thread, to resume on whatever this thread processes next: the failed exchange
     * would go on from where it broke, after it was dead-lettered. Running that queue now, with the failure
     * set on the exchange, lets each step see the failure and end the routing (unit of work, inflight count).
     */
    private void finishAbandonedRouting() {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                // a synchronous main flow: it runs the queued work of the interrupted flows too, then returns
                getEndpoint().getCamelContext().getCamelContextExtension().getReactiveExecutor().scheduleSync(() -> { });
                return;
            } catch (Throwable again) {
                // that work threw an Error too: run what is still queued
            }
        }
    }

    private void failed(KeyedLanes.Taken taken, Exchange exchange, Object takenBody, Throwable failure) {
        countFailure();
        if (deadLetter == null) {
            getExceptionHandler().handleException("Error processing exchange of lane " + taken.key(), exchange, failure);
            return;
        }
        LOG.error("lanes:{} lane {}: route {} failed with {}; the exchange goes to {}", endpoint.name(), taken.key(),
                getRouteId(), failure.getClass().getName(), endpoint.getDeadLetterUri());
        exchange.setException(null);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        if (exchange.getProperty(Exchange.FAILURE_ROUTE_ID) == null) {
            exchange.setProperty(Exchange.FAILURE_ROUTE_ID, getRouteId());
        }
        // as it was taken from the lane (useOriginalMessage): also lets go of whatever the route built
        exchange.getMessage().setBody(takenBody);
        try {
            deadLetter.process(exchange);
        } catch (Throwable e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Could not dead-letter an exchange of lane " + taken.key() + " to "
                                                  + endpoint.getDeadLetterUri(), exchange, exchange.getException());
        }
    }

    private void countFailure() {
        Counter counter = failures;
        if (counter == null) {
            MeterRegistry registry = getEndpoint().getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
            if (registry == null) {
                return;
            }
            // the tags of the routes' micrometer:counter meters of that name: Prometheus wants one set of keys per name
            counter = Counter.builder(FAILED_METER).tag("reason", FAILED_REASON)
                    .tag(MicrometerConstants.CAMEL_CONTEXT_TAG, getEndpoint().getCamelContext().getName())
                    .register(registry);
            failures = counter;
        }
        counter.increment();
    }

    /** Workers running now: {@code concurrentConsumers} from start to stop, whatever the route throws. */
    int runningWorkers() {
        return runningWorkers.get();
    }

    @Override
    protected void doStop() throws Exception {
        if (workers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(workers);
            workers = null;
        }
        if (deadLetter != null) {
            ServiceHelper.stopService(deadLetter);
            deadLetter = null;
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
