package io.cxonehandoff.stream;

import io.cxonehandoff.auth.AccessTokenCache;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * camel-vertx-websocket, extended for a long-lived authenticated client stream. Bound in the registry as
 * {@code vertx-websocket}, so routes keep the standard URI and options. A client consumer
 * ({@code consumeAsClient=true}) gets {@link ResilientClientConsumer}; everything else is unchanged.
 * <p>
 * Why: the stock client consumer connects once at startup (failing the context when CXone is down),
 * reconnects on a fixed timer and gives up, cannot re-authenticate after a reconnect, and hands frames to
 * a worker pool that reorders them.
 */
@Component("vertx-websocket")
public class CxoneStreamComponent extends VertxWebsocketComponent {

    private AccessTokenCache accessTokens;
    private StreamProtocol protocol = new TutorialStreamProtocol();
    private long reconnectBaseDelayMs = 500;
    private long reconnectMaxDelayMs = 30_000;
    private long healthyAfterMs = 30_000;
    private long authTimeoutMs = 5_000;
    private long pingIntervalMs = 20_000;
    private long pongTimeoutMs = 10_000;
    private long connectTimeoutMs = 5_000;

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new CxoneStreamEndpoint(uri, this, configuration);
    }

    public AccessTokenCache getAccessTokens() {
        return accessTokens;
    }

    public void setAccessTokens(AccessTokenCache accessTokens) {
        this.accessTokens = accessTokens;
    }

    public StreamProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(StreamProtocol protocol) {
        this.protocol = protocol;
    }

    public long getReconnectBaseDelayMs() {
        return reconnectBaseDelayMs;
    }

    public void setReconnectBaseDelayMs(long reconnectBaseDelayMs) {
        this.reconnectBaseDelayMs = reconnectBaseDelayMs;
    }

    public long getReconnectMaxDelayMs() {
        return reconnectMaxDelayMs;
    }

    public void setReconnectMaxDelayMs(long reconnectMaxDelayMs) {
        this.reconnectMaxDelayMs = reconnectMaxDelayMs;
    }

    public long getHealthyAfterMs() {
        return healthyAfterMs;
    }

    public void setHealthyAfterMs(long healthyAfterMs) {
        this.healthyAfterMs = healthyAfterMs;
    }

    public long getAuthTimeoutMs() {
        return authTimeoutMs;
    }

    public void setAuthTimeoutMs(long authTimeoutMs) {
        this.authTimeoutMs = authTimeoutMs;
    }

    public long getPingIntervalMs() {
        return pingIntervalMs;
    }

    public void setPingIntervalMs(long pingIntervalMs) {
        this.pingIntervalMs = pingIntervalMs;
    }

    public long getPongTimeoutMs() {
        return pongTimeoutMs;
    }

    public void setPongTimeoutMs(long pongTimeoutMs) {
        this.pongTimeoutMs = pongTimeoutMs;
    }

    public long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }
}
