package io.cxonehandoff.stream;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.cxonehandoff.DfoProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event hub (dfo profile): the stream's promises of {@link StreamResilienceTest} (drops, a refused
 * registration, a slow token endpoint, frame order), and the hub's own: both framings of its answers, heartbeats,
 * throttling in band.
 */
@DfoProfile
class DfoStreamResilienceTest extends StreamResilienceTest {

    private static final long HEARTBEAT_MS = 200;
    private static final int MISSED_HEARTBEATS = 3;
    private static final long RATE_LIMITED_BACKOFF_MS = 1500;

    @Override
    protected Properties testProperties() {
        return properties("cxone.stream.ping-interval-ms", HEARTBEAT_MS, "cxone.stream.missed-heartbeats", MISSED_HEARTBEATS,
                "cxone.stream.rate-limited-backoff-ms", RATE_LIMITED_BACKOFF_MS);
    }

    @ParameterizedTest(name = "as a JSON string={0}")
    @ValueSource(booleans = {false, true})
    void authorizedAndPongAreUnderstoodBareAndAsJsonStrings(boolean jsonString) {
        awaitSubscribed();
        simulator().dfo().setJsonStringFraming(jsonString);
        int before = simulator().authenticatedTokens().size();
        simulator().dropConnections(false);
        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() == before + 1 && simulator().subscribedSockets() == 1);

        // heartbeats go on, answered: the connection stays, and no pong is taken for an event
        int heartbeats = simulator().dfo().heartbeats();
        await().during(Duration.ofMillis(HEARTBEAT_MS * (MISSED_HEARTBEATS + 3))).atMost(Duration.ofSeconds(10))
                .until(() -> simulator().authenticatedTokens().size() == before + 1);
        assertThat(simulator().dfo().heartbeats()).isGreaterThan(heartbeats + MISSED_HEARTBEATS);
        assertThat(counter("cxone.events.rejected")).isZero();
        assertThat(counter("cxone.events.ignored")).isZero();

        String id = "framing-" + jsonString;
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
    }

    @Test
    void unansweredHeartbeatsMeanADeadConnectionAndAReconnectWithANewToken() {
        awaitSubscribed();
        int before = simulator().authenticatedTokens().size();
        simulator().dfo().setAnswerHeartbeats(false);

        // cxone.stream.missed-heartbeats unanswered in a row are tolerated ...
        await().during(Duration.ofMillis(HEARTBEAT_MS * MISSED_HEARTBEATS - 150)).atMost(Duration.ofSeconds(5))
                .until(() -> simulator().authenticatedTokens().size() == before);
        // ... then the socket is given up and a new one registered with a new token
        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() > before);
        assertThat(counter("cxone.stream.reconnects")).isGreaterThanOrEqualTo(1);
        List<String> tokens = simulator().authenticatedTokens();
        assertThat(tokens.get(before)).isNotEqualTo(tokens.get(before - 1));
    }

    @ParameterizedTest(name = "as a JSON string={0}")
    @ValueSource(booleans = {false, true})
    void rateLimitExceededInBandPausesLongerBeforeTheReconnect(boolean jsonString) {
        awaitSubscribed();
        simulator().dfo().setJsonStringFraming(jsonString);
        int before = simulator().authenticatedTokens().size();

        simulator().dfo().sendRateLimitExceeded();

        // the usual backoff here is at most 500 ms: the throttled pause is cxone.stream.rate-limited-backoff-ms on top
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 0);
        await().during(Duration.ofMillis(RATE_LIMITED_BACKOFF_MS - 300)).atMost(Duration.ofSeconds(5))
                .until(() -> simulator().authenticatedTokens().size() == before);
        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() == before + 1
                                             && simulator().subscribedSockets() == 1);
    }

    @Test
    void aRegistrationAnsweredRateLimitExceededIsRetriedAfterTheLongerPause() {
        awaitSubscribed();
        int before = simulator().authenticatedTokens().size();
        simulator().dfo().rateLimitNextRegistrations(1);

        simulator().dropConnections(true);

        await().during(Duration.ofMillis(RATE_LIMITED_BACKOFF_MS - 300)).atMost(Duration.ofSeconds(5))
                .until(() -> simulator().authenticatedTokens().size() == before);
        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() == before + 1
                                             && simulator().subscribedSockets() == 1);
        String id = "after-throttling";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
    }
}
