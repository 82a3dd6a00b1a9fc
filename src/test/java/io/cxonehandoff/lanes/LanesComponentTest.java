package io.cxonehandoff.lanes;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One queue per name, sized by the endpoint that states a size, whichever endpoint comes first. */
class LanesComponentTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final LanesComponent lanes = new LanesComponent();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        camel.stop();
    }

    @Test
    void theConsumersSizeGovernsThoughTheProducerEndpointCameFirst() throws Exception {
        camel.addComponent("lanes", lanes);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as in the routes: the producer (no size) is defined, created and started first
                from("direct:queue").routeId("producer").to("lanes:events");
                from("lanes:events?size=3").routeId("consumer").process(exchange -> release.await(10, TimeUnit.SECONDS));
            }
        });
        camel.start();
        assertThat(lanes.lanes("events").capacity()).isEqualTo(3);

        // fill it: one event runs (held), three wait, the fifth blocks its producer
        ProducerTemplate producer = camel.createProducerTemplate();
        for (int i = 0; i < 4; i++) {
            String id = "chat-" + i;
            producer.sendBodyAndProperty("direct:queue", "event", "interactionId", id);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.lanes("events").waiting() == 3);
        Thread fifth = new Thread(() -> producer.sendBodyAndProperty("direct:queue", "event", "interactionId", "chat-4"));
        fifth.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> fifth.getState() == Thread.State.WAITING);
        assertThat(lanes.lanes("events").waiting()).isEqualTo(3);

        release.countDown();
        fifth.join(5_000);
        assertThat(fifth.isAlive()).isFalse();
    }

    @Test
    void aSizeStatedAfterTheQueueExistsResizesIt() throws Exception {
        camel.addComponent("lanes", lanes);
        camel.start();
        camel.getEndpoint("lanes:events");
        assertThat(lanes.lanes("events").capacity()).isEqualTo(LanesEndpoint.DEFAULT_SIZE);

        camel.getEndpoint("lanes:events?size=10000");

        assertThat(lanes.lanes("events").capacity()).isEqualTo(10000);
    }

    @Test
    void twoDifferentExplicitSizesForOneQueueFailTheStart() throws Exception {
        camel.addComponent("lanes", lanes);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:queue").routeId("producer").to("lanes:events?size=5");
                from("lanes:events?size=3").routeId("consumer").log("${body}");
            }
        });

        assertThatThrownBy(camel::start).hasStackTraceContaining("lanes:events is given size=3")
                .hasStackTraceContaining("size=5");
    }

    @Test
    void aSizeIsFreeAgainOnceItsEndpointIsGone() throws Exception {
        camel.addComponent("lanes", lanes);
        camel.start();
        camel.getEndpoint("lanes:events?size=5");
        camel.removeEndpoint(camel.getEndpoint("lanes:events?size=5"));

        camel.getEndpoint("lanes:events?size=7");

        assertThat(lanes.lanes("events").capacity()).isEqualTo(7);
    }
}
