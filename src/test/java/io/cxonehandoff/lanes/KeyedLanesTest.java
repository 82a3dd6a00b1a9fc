package io.cxonehandoff.lanes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyedLanesTest {

    private final CamelContext context = new DefaultCamelContext();
    private final KeyedLanes lanes = new KeyedLanes(100);

    private Exchange event(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void aKeysNextEventWaitsUntilItsRunningOneIsDone() throws Exception {
        lanes.put("a", event("a1"));
        lanes.put("a", event("a2"));
        lanes.put("b", event("b1"));

        KeyedLanes.Taken first = lanes.take(0);
        KeyedLanes.Taken second = lanes.take(0);
        assertThat(first.exchange().getMessage().getBody()).isEqualTo("a1");
        assertThat(second.exchange().getMessage().getBody()).as("b runs beside a, a2 waits for a1").isEqualTo("b1");
        assertThat(lanes.take(0)).as("a2 while a1 runs").isNull();

        lanes.done(first);
        KeyedLanes.Taken third = lanes.take(0);
        assertThat(third.exchange().getMessage().getBody()).isEqualTo("a2");
    }

    @Test
    void aBusyKeyGoesBehindOtherReadyKeys() throws Exception {
        lanes.put("busy", event("busy1"));
        lanes.put("busy", event("busy2"));
        KeyedLanes.Taken busy = lanes.take(0);
        lanes.put("other", event("other1"));
        lanes.done(busy);

        List<Object> order = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KeyedLanes.Taken next = lanes.take(0);
            order.add(next.exchange().getMessage().getBody());
            lanes.done(next);
        }
        assertThat(order).containsExactly("other1", "busy2");
    }

    @Test
    void aLaneIsForgottenOnceItsWorkIsDone() throws Exception {
        for (int i = 0; i < 50; i++) {
            lanes.put("chat-" + i, event("e" + i));
        }
        assertThat(lanes.activeKeys()).isEqualTo(50);
        KeyedLanes.Taken next;
        while ((next = lanes.take(0)) != null) {
            lanes.done(next);
        }
        assertThat(lanes.activeKeys()).isZero();
        assertThat(lanes.waiting()).isZero();
    }

    @Test
    void aFullQueueBlocksTheProducerUntilAnEventIsTaken() throws Exception {
        KeyedLanes small = new KeyedLanes(1);
        small.put("a", event("a1"));
        Thread producer = new Thread(() -> {
            try {
                small.put("b", event("b1"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.getState() == Thread.State.WAITING);
        small.take(0);
        producer.join(5_000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(small.waiting()).isEqualTo(1);
    }

    /** Joins events whose body starts with "eval"; keeps the newer body. */
    private static final AggregationStrategy JOIN_EVALUATIONS = new AggregationStrategy() {
        @Override
        public boolean canPreComplete() {
            return true;
        }

        @Override
        public boolean preComplete(Exchange waiting, Exchange arriving) {
            return !(waiting.getMessage().getBody(String.class).startsWith("eval")
                     && arriving.getMessage().getBody(String.class).startsWith("eval"));
        }

        @Override
        public Exchange aggregate(Exchange waiting, Exchange arriving) {
            return arriving;
        }
    };

    @Test
    void anEventJoinsItsLanesWaitingOneNeverTheRunningOneAndOthersKeepTheirPlace() throws Exception {
        assertThat(lanes.put("a", event("eval-1"), JOIN_EVALUATIONS)).isFalse();
        KeyedLanes.Taken running = lanes.take(0);
        assertThat(lanes.put("a", event("eval-2"), JOIN_EVALUATIONS)).as("eval-1 runs: eval-2 waits").isFalse();
        assertThat(lanes.put("a", event("eval-3"), JOIN_EVALUATIONS)).as("joins eval-2").isTrue();
        assertThat(lanes.put("a", event("assigned-4"), JOIN_EVALUATIONS)).as("kept apart").isFalse();
        assertThat(lanes.put("a", event("eval-5"), JOIN_EVALUATIONS)).as("behind assigned-4, not joined across it").isFalse();
        assertThat(lanes.put("a", event("eval-6"), JOIN_EVALUATIONS)).isTrue();
        assertThat(lanes.waiting()).isEqualTo(3);

        List<Object> order = new ArrayList<>();
        lanes.done(running);
        KeyedLanes.Taken next;
        while ((next = lanes.take(0)) != null) {
            order.add(next.exchange().getMessage().getBody());
            lanes.done(next);
        }
        assertThat(order).containsExactly("eval-3", "assigned-4", "eval-6");
    }

    @Test
    void anEventThatJoinsAWaitingOneNeedsNoRoomInAFullQueue() throws Exception {
        KeyedLanes small = new KeyedLanes(1);
        small.put("a", event("eval-1"), JOIN_EVALUATIONS);
        assertThat(small.put("a", event("eval-2"), JOIN_EVALUATIONS)).as("did not block").isTrue();
        assertThat(small.waiting()).isEqualTo(1);
        assertThat(small.take(0).exchange().getMessage().getBody()).isEqualTo("eval-2");
    }
}
