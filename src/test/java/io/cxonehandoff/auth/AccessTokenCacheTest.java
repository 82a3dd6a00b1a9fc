package io.cxonehandoff.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The token cache against a stand-in token route that issues tok-1, tok-2, ... valid for 300 s. */
class AccessTokenCacheTest {

    private final AtomicInteger issued = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final MutableClock clock = new MutableClock();
    private CamelContext camel;
    private AccessTokenCache cache;
    private volatile boolean holdRequests;

    @BeforeEach
    void startTokenRoute() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cxone-token").process(exchange -> {
                    int n = issued.incrementAndGet();
                    if (holdRequests) {
                        release.await(10, TimeUnit.SECONDS);
                    }
                    exchange.getMessage().setBody(Map.of("access_token", "tok-" + n, "expires_in", 300));
                });
            }
        });
        camel.start();
        cache = new AccessTokenCache(clock);
        cache.setCamelContext(camel);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void whileAFreshTokenIsBeingIssuedOtherCallersKeepTheCurrentOne() throws Exception {
        assertThat(cache.token()).isEqualTo("tok-1");
        holdRequests = true;
        ExecutorService stream = Executors.newSingleThreadExecutor();
        try {
            Future<String> fresh = stream.submit(cache::freshToken);
            await().atMost(Duration.ofSeconds(5)).until(() -> issued.get() == 2);

            // the token request is held: a REST call does not wait for it
            assertThat(cache.token()).isEqualTo("tok-1");

            release.countDown();
            assertThat(fresh.get(5, TimeUnit.SECONDS)).isEqualTo("tok-2");
            assertThat(cache.token()).isEqualTo("tok-2");
        } finally {
            stream.shutdownNow();
        }
    }

    @Test
    void manyConcurrentCallersShareOneTokenRequest() throws Exception {
        holdRequests = true;
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> tokens = IntStream.range(0, 16).mapToObj(i -> callers.submit(cache::token)).toList();
            await().atMost(Duration.ofSeconds(5)).until(() -> issued.get() == 1);
            release.countDown();
            for (Future<String> token : tokens) {
                assertThat(token.get(5, TimeUnit.SECONDS)).isEqualTo("tok-1");
            }
            assertThat(issued).hasValue(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerWaitsForASlowTokenRequestNoLongerThanTheTimeoutThenFailsAsAnIoError() throws Exception {
        holdRequests = true;
        cache.setWaitTimeoutMs(200);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<String> fetching = callers.submit(cache::token);
            await().atMost(Duration.ofSeconds(5)).until(() -> issued.get() == 1);

            long start = System.nanoTime();
            Future<String> waiting = callers.submit(cache::token);
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOf(TokenWaitTimeoutException.class).isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(190), Duration.ofSeconds(4));

            // the slow request still completes and serves later callers; nobody asked for a second token
            release.countDown();
            assertThat(fetching.get(5, TimeUnit.SECONDS)).isEqualTo("tok-1");
            assertThat(cache.token()).isEqualTo("tok-1");
            assertThat(issued).hasValue(1);
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void invalidatingNeverWaitsForATokenRequestInFlight() throws Exception {
        assertThat(cache.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(240)); // due for renewal
        holdRequests = true;
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            Future<String> renewing = callers.submit(cache::token);
            await().atMost(Duration.ofSeconds(5)).until(() -> issued.get() == 2);

            // a 401 for the old token arrives while the renewal hangs: handled at once, not behind the lock
            ExecutorService evictor = Executors.newSingleThreadExecutor();
            try {
                evictor.submit(() -> cache.invalidate("tok-1")).get(1, TimeUnit.SECONDS);
            } finally {
                evictor.shutdownNow();
            }
            release.countDown();
            assertThat(renewing.get(5, TimeUnit.SECONDS)).isEqualTo("tok-2");
            assertThat(cache.token()).isEqualTo("tok-2");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void aWaitTimeoutBelowOneMillisecondIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> cache.setWaitTimeoutMs(0));
    }

    @Test
    void tokenIsReusedUntilSixtySecondsBeforeExpiry() {
        assertThat(cache.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(239));
        assertThat(cache.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.token()).isEqualTo("tok-2");
    }

    @Test
    void onlyTheRefusedTokenIsInvalidated() {
        assertThat(cache.token()).isEqualTo("tok-1");
        cache.invalidate("tok-1");
        assertThat(cache.token()).isEqualTo("tok-2");
        // a late 401 for the old token must not throw away the new one
        cache.invalidate("tok-1");
        assertThat(cache.token()).isEqualTo("tok-2");
    }

    @Test
    void freshTokenIsAlwaysNewlyIssued() {
        assertThat(cache.token()).isEqualTo("tok-1");
        assertThat(cache.freshToken()).isEqualTo("tok-2");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
