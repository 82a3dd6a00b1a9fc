package io.cxonehandoff.stream;

import io.cxonehandoff.auth.AccessTokenCache;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cxone-stream:} is found by its scheme, takes its documented options, and refuses the stock reconnect ones. */
class CxoneStreamEndpointTest {

    private final CamelContext context = new DefaultCamelContext();

    @BeforeEach
    void start() {
        context.getRegistry().bind("tokens", new AccessTokenCache());
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void optionsAreTheEndpointsOwnAndTheUrlKeepsNone() {
        CxoneStreamEndpoint endpoint = context.getEndpoint("cxone-stream:wss://stream.example.test/interaction/v1/events"
                + "?accessTokens=#tokens&reconnectBaseDelay=250&reconnectMaxDelay=9000&healthyAfter=1000&authTimeout=700"
                + "&pingInterval=1500&pongTimeout=800&connectTimeout=600", CxoneStreamEndpoint.class);

        assertThat(endpoint.getAccessTokens()).isSameAs(context.getRegistry().lookupByName("tokens"));
        assertThat(endpoint.getProtocol()).isInstanceOf(TutorialStreamProtocol.class);
        assertThat(endpoint.getReconnectBaseDelay()).isEqualTo(250);
        assertThat(endpoint.getReconnectMaxDelay()).isEqualTo(9000);
        assertThat(endpoint.getHealthyAfter()).isEqualTo(1000);
        assertThat(endpoint.getAuthTimeout()).isEqualTo(700);
        assertThat(endpoint.getPingInterval()).isEqualTo(1500);
        assertThat(endpoint.getPongTimeout()).isEqualTo(800);
        assertThat(endpoint.getConnectTimeout()).isEqualTo(600);
        assertThat(endpoint.getConfiguration().isConsumeAsClient()).isTrue();
        assertThat(endpoint.streamUrl()).isEqualTo("wss://stream.example.test:443/interaction/v1/events");
    }

    @Test
    void theStockReconnectOptionsAndUnknownOnesAreRefused() {
        assertThatThrownBy(() -> context.getEndpoint("cxone-stream:ws://127.0.0.1:1/x?accessTokens=#tokens&reconnectInterval=100"))
                .hasStackTraceContaining("does not support option reconnectInterval");
        assertThatThrownBy(() -> context.getEndpoint("cxone-stream:ws://127.0.0.1:1/x?accessTokens=#tokens&maxReconnectAttempts=3"))
                .hasStackTraceContaining("does not support option maxReconnectAttempts");
        assertThatThrownBy(() -> context.getEndpoint("cxone-stream:ws://127.0.0.1:1/x?accessTokens=#tokens&pingIntervall=5"))
                .hasStackTraceContaining("pingIntervall");
    }
}
