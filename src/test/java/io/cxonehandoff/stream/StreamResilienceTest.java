package io.cxonehandoff.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event stream survives drops, refused authentication and bursts, in order (the dfo profile's event hub:
 * {@code DfoStreamResilienceTest}, the same tests and its own).
 */
class StreamResilienceTest extends HandoffTestSupport {

    @Override
    public String isMockEndpoints() {
        return "direct:queue-event";
    }

    @ParameterizedTest(name = "abrupt={0}")
    @ValueSource(booleans = {true, false})
    void droppedSocketIsReconnectedAndReauthenticatedWithANewToken(boolean abrupt) {
        awaitSubscribed();
        int before = simulator().authenticatedTokens().size();

        simulator().dropConnections(abrupt);

        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() == before + 1
                                             && simulator().subscribedSockets() == 1);
        List<String> tokens = simulator().authenticatedTokens();
        assertThat(tokens.get(tokens.size() - 1)).isNotEqualTo(tokens.get(tokens.size() - 2));

        String id = "after-drop-" + abrupt;
        makeWatched(id);
        simulator().chat(id).confidence(0.2).messages(3).create();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
    }

    @Test
    void refusedAuthenticationIsRetriedWithAFreshTokenUntilAccepted() {
        awaitSubscribed();
        int tokensBefore = simulator().tokenRequests();
        simulator().setAcceptAuthentication(false);
        simulator().dropConnections(false);

        // a few refused attempts, each with a newly requested token
        await().atMost(PATIENCE).until(() -> simulator().tokenRequests() >= tokensBefore + 3);
        assertThat(simulator().subscribedSockets()).isZero();

        simulator().setAcceptAuthentication(true);
        awaitSubscribed();
        String id = "after-refusal";
        makeWatched(id);
        simulator().chat(id).confidence(0.2).create();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
    }

    @Test
    void aSlowTokenEndpointHoldsUpNeitherTheReconnectingStreamNorOtherCalls() {
        awaitSubscribed();
        String id = "while-the-token-is-slow";
        simulator().chat(id).confidence(0.2).messages(3).create();
        simulator().setTokenLatencyMillis(5_000);
        try {
            simulator().dropConnections(false);
            await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 0 && counter("cxone.stream.reconnects") >= 1);

            // the stream waits for its fresh token; an event from elsewhere (here: a replay) is handed off meanwhile
            // with the token every call already has
            template.sendBody("direct:queue-event", queuedEvent(id));

            await().atMost(Duration.ofSeconds(4)).until(() -> simulator().transfersFor(id).size() == 1);
            assertThat(simulator().subscribedSockets()).as("still waiting for its token").isZero();
        } finally {
            simulator().setTokenLatencyMillis(0);
        }
        awaitSubscribed();
    }

    /** A burst far larger than the stream's pause threshold: every frame arrives, in order. */
    @Test
    void framesReachTheRoutesInArrivalOrder() throws Exception {
        awaitSubscribed();
        MockEndpoint queued = getMockEndpoint("mock:direct:queue-event");
        queued.expectedMessageCount(5_000);

        IntStream.range(0, 5_000).forEach(i -> simulator().emitRaw(ignoredEventFrame("order-" + i)));

        queued.assertIsSatisfied(PATIENCE.toMillis());
        List<Object> ids = queued.getReceivedExchanges().stream()
                .map(Exchange::getMessage).map(m -> ((Map<?, ?>) m.getBody()).get("id")).map(Object.class::cast).toList();
        assertThat(ids).containsExactlyElementsOf(IntStream.range(0, 5_000).mapToObj(i -> "order-" + i).toList());
    }
}
