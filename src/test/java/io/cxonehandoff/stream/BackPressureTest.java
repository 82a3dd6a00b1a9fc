package io.cxonehandoff.stream;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When handoffs fall behind, the stream stops reading (back-pressure) instead of dropping frames, and a
 * paused socket is not mistaken for a dead one: no reconnect, nothing lost, order kept.
 */
class BackPressureTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties(
                "handoff.parallelism", "1",
                "handoff.queue.size", "5",
                CATCH_UP_OFF,
                // a liveness check far shorter than the stall below
                "cxone.stream.ping-interval-ms", "100",
                "cxone.stream.pong-timeout-ms", "200");
    }

    @Override
    public String isMockEndpointsAndSkip() {
        return "direct:cxone-get-interaction";
    }

    @Test
    void stalledHandoffsPauseTheSocketWithoutReconnectOrLoss() throws Exception {
        awaitSubscribed();
        int authentications = simulator().authenticatedTokens().size();
        MockEndpoint decided = getMockEndpoint("mock:direct:cxone-get-interaction");
        // each interaction read takes 2 ms of work: 3,000 frames keep the socket paused for seconds, ten times over
        // the pong timeout, while the stream thread still runs between the lanes' turns
        decided.whenAnyExchangeReceived(exchange -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)));
        decided.expectedMessageCount(3_000);

        // more frames than the stream buffers before it pauses reading (2,000)
        IntStream.range(0, 3_000).forEach(i -> simulator().emitRaw(
                "{\"type\":\"webchat\",\"id\":\"pressure-" + i + "\",\"state\":\"bot_active\"}"));

        decided.assertIsSatisfied(PATIENCE.toMillis());
        List<Object> ids = decided.getReceivedExchanges().stream()
                .map(e -> (Object) e.getMessage().getBody(Map.class).get("id")).toList();
        assertThat(ids).containsExactlyElementsOf(IntStream.range(0, 3_000).mapToObj(i -> "pressure-" + i).toList());
        assertThat(simulator().authenticatedTokens()).hasSize(authentications);
        assertThat(counter("cxone.stream.reconnects")).isZero();
    }
}
