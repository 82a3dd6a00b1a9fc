package io.cxonehandoff.experience;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueAvailabilityTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final QueueAvailability availability = new QueueAvailability(now::get);

    private Exchange handoffTo(String queue) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("handoffQueue", queue);
        return exchange;
    }

    private void answer(String queue, Map<String, Object> answer) {
        Exchange exchange = handoffTo(queue);
        assertThat(availability.needsLookup(exchange)).isTrue();
        exchange.getMessage().setBody(answer);
        availability.remember(exchange);
        availability.lookupDone(exchange);
    }

    @Test
    void anOpenQueueWithAgentsKeepsTheChoiceAndGivesTheWait() {
        answer("q", Map.of("open", true, "agents_available", 2, "estimated_wait_s", 90));
        Exchange exchange = handoffTo("q");
        availability.decide(exchange);
        assertThat(exchange.getProperty(QueueAvailability.FALLBACK)).isNull();
        assertThat(exchange.getProperty("handoffQueue")).isEqualTo("q");
        assertThat(exchange.getProperty(QueueAvailability.ESTIMATED_WAIT)).isEqualTo(90);
    }

    @Test
    void closedOrWithoutAgentsGoesToTheOverflowQueueOrStaysWithTheBot() {
        answer("closed", Map.of("open", false, "agents_available", 0, "next_open", "2026-12-02T08:00:00Z"));
        answer("empty", Map.of("open", true, "agents_available", 0));
        for (String queue : new String[] {"closed", "empty"}) {
            Exchange stays = handoffTo(queue);
            availability.decide(stays);
            assertThat(stays.getProperty(QueueAvailability.FALLBACK)).isEqualTo("stay_with_bot");
        }
        availability.setOverflowQueue("spill");
        Exchange overflows = handoffTo("closed");
        availability.decide(overflows);
        assertThat(overflows.getProperty(QueueAvailability.FALLBACK)).isEqualTo("overflow");
        assertThat(overflows.getProperty("handoffQueue")).isEqualTo("spill");
        assertThat(overflows.getProperty("handoffQueueRule")).isEqualTo("overflow");
    }

    @Test
    void anAnswerIsUsedForTheCacheTimeAndAFailedCheckFallsBackToARecentOneOnly() {
        availability.setCacheSeconds(5);
        answer("q", Map.of("open", false, "agents_available", 0));
        assertThat(availability.needsLookup(handoffTo("q"))).isFalse();
        now.addAndGet(5_001);
        Exchange asks = handoffTo("q");
        assertThat(availability.needsLookup(asks)).isTrue();
        availability.lookupDone(asks); // the check failed: the last answer (5 s old) still decides
        Exchange decided = handoffTo("q");
        availability.decide(decided);
        assertThat(decided.getProperty(QueueAvailability.FALLBACK)).isEqualTo("stay_with_bot");
        now.addAndGet(60_000); // older than a minute: as without the check
        Exchange unknown = handoffTo("q");
        availability.decide(unknown);
        assertThat(unknown.getProperty(QueueAvailability.FALLBACK)).isNull();
    }

    @Test
    void oneHandoffAsksPerQueueWhileTheOthersWaitForItsAnswer() throws Exception {
        availability.setLookupWaitMillis(5_000);
        Exchange first = handoffTo("q");
        assertThat(availability.needsLookup(first)).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger asked = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(8);
            Future<?>[] waiting = new Future<?>[8];
            for (int i = 0; i < 8; i++) {
                waiting[i] = pool.submit(() -> {
                    started.countDown();
                    if (availability.needsLookup(handoffTo("q"))) {
                        asked.incrementAndGet();
                    }
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            first.getMessage().setBody(Map.of("open", true, "agents_available", 1));
            availability.remember(first);
            availability.lookupDone(first);
            for (Future<?> f : waiting) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertThat(asked.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTenantWithoutTheCheckIsNeverAskedAgain() {
        availability.unsupported();
        assertThat(availability.needsLookup(handoffTo("q"))).isFalse();
        Exchange exchange = handoffTo("q");
        availability.decide(exchange);
        assertThat(exchange.getProperty(QueueAvailability.FALLBACK)).isNull();
    }

    @Test
    void anEpisodeIsHeldOnceAndItsLaterHandoffSaysItWaited() {
        assertThat(availability.firstHold("chat#1")).isTrue();
        assertThat(availability.firstHold("chat#1")).isFalse();
        Exchange later = handoffTo("q");
        availability.heldBefore("chat#1", later);
        assertThat(later.getProperty(QueueAvailability.FALLBACK)).isEqualTo("stayed_with_bot");
        Exchange other = handoffTo("q");
        availability.heldBefore("chat#2", other);
        assertThat(other.getProperty(QueueAvailability.FALLBACK)).isNull();
    }
}
