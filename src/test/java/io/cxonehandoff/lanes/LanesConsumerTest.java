package io.cxonehandoff.lanes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A lanes worker survives whatever the route throws, an Error included, and the exchange is dead-lettered. */
class LanesConsumerTest {

    private static final int WORKERS = 3;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("meters", MeterRegistry.class, meters);
        camel.addComponent("lanes", new LanesComponent());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("lanes:events?concurrentConsumers=" + WORKERS + "&pollTimeout=50&deadLetterUri=mock:dead")
                        .routeId("events")
                        .setBody(constant("what the route made of it"))
                        .process(exchange -> {
                            switch (exchange.getProperty("kind", String.class)) {
                                case "oom" -> throw new OutOfMemoryError("test");
                                case "stack" -> throw new StackOverflowError();
                                case "exception" -> throw new IllegalStateException("unhandled");
                                default -> { }
                            }
                        })
                        .to("mock:done");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void errorsAreDeadLetteredAndEveryWorkerGoesOn() throws Exception {
        MockEndpoint dead = camel.getEndpoint("mock:dead", MockEndpoint.class);
        MockEndpoint done = camel.getEndpoint("mock:done", MockEndpoint.class);
        dead.expectedMessageCount(2 * WORKERS + 1);
        done.expectedMessageCount(20);

        // more Errors than workers: had one killed its thread, the later ones would find none left
        for (int i = 0; i < WORKERS; i++) {
            send("chat-oom-" + i, "oom");
            send("chat-stack-" + i, "stack");
        }
        send("chat-exception", "exception");
        // the failed chats' lanes are free again, and every other chat is handled
        for (int i = 0; i < 20; i++) {
            send(i < WORKERS ? "chat-oom-" + i : "chat-" + i, "fine");
        }

        MockEndpoint.assertIsSatisfied(10, TimeUnit.SECONDS, dead, done);
        assertThat(done.getExchanges()).as("a failed exchange does not go on with the route after its dead letter")
                .allSatisfy(e -> assertThat(e.getProperty("kind")).isEqualTo("fine"));
        LanesConsumer consumer = (LanesConsumer) camel.getRoute("events").getConsumer();
        assertThat(consumer.runningWorkers()).isEqualTo(WORKERS);
        await().atMost(Duration.ofSeconds(5)).until(() -> camel.getInflightRepository().size() == 0);

        List<Exchange> letters = dead.getExchanges();
        assertThat(letters).map(e -> e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class).getClass().getSimpleName())
                .containsOnly("OutOfMemoryError", "StackOverflowError", "IllegalStateException");
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.getMessage().getBody()).as("the body as taken from the lane").isEqualTo("event of " + letter.getProperty("interactionId"));
            assertThat(letter.getException()).isNull();
            assertThat(letter.getProperty(Exchange.FAILURE_ROUTE_ID)).isEqualTo("events");
        });
        assertThat(meters.get(LanesConsumer.FAILED_METER).tag("reason", LanesConsumer.FAILED_REASON).counter().count())
                .isEqualTo(2 * WORKERS + 1);
    }

    private void send(String interactionId, String kind) {
        producer.send("lanes:events", exchange -> {
            exchange.setProperty("interactionId", interactionId);
            exchange.setProperty("kind", kind);
            exchange.getMessage().setBody("event of " + interactionId);
        });
    }
}
