package io.cxonehandoff.stream;

import java.net.URI;

import io.cxonehandoff.auth.AccessTokenCache;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.vertx.common.VertxHelper;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * The CXone event stream as an endpoint. Besides camel-vertx-websocket's connection options (TLS, handshake
 * headers, client options), the options below; the stock client's reconnect options are refused (this
 * consumer reconnects forever, with backoff). Exchanges carry {@link CxoneStreamConstants#EVENT}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "cxone-stream", extendsScheme = "vertx-websocket", title = "CXone event stream",
             syntax = "cxone-stream:url", consumerOnly = true, category = { Category.NETWORKING },
             headersClass = CxoneStreamConstants.class)
public class CxoneStreamEndpoint extends VertxWebsocketEndpoint {

    @UriParam(description = "The access tokens: every (re)connect authenticates with a newly issued one")
    @Metadata(required = true)
    private AccessTokenCache accessTokens;
    @UriParam(description = "The session handshake of the tenant's API profile", defaultValue = "tutorial")
    private StreamProtocol protocol = new TutorialStreamProtocol();
    @UriParam(description = "First reconnect delay cap (ms); each failed attempt doubles it, full jitter picks 0..cap",
              defaultValue = "500", javaType = "long")
    private long reconnectBaseDelay = 500;
    @UriParam(description = "Upper bound of the reconnect delay (ms)", defaultValue = "30000", javaType = "long")
    private long reconnectMaxDelay = 30_000;
    @UriParam(description = "A connection subscribed this long resets the backoff (ms)", defaultValue = "30000",
              javaType = "long")
    private long healthyAfter = 30_000;
    @UriParam(description = "How long to wait for the authentication answer before reconnecting (ms)",
              defaultValue = "5000", javaType = "long")
    private long authTimeout = 5_000;
    @UriParam(description = "Interval of the client's keep-alive pings (ms)", defaultValue = "20000", javaType = "long")
    private long pingInterval = 20_000;
    @UriParam(description = "No pong within this time after a ping means the connection is dead (ms)",
              defaultValue = "10000", javaType = "long")
    private long pongTimeout = 10_000;
    @UriParam(description = "WebSocket connect timeout (ms)", defaultValue = "5000", javaType = "long")
    private long connectTimeout = 5_000;
    @UriParam(description = "With a protocol that sends heartbeat frames: this many unanswered in a row mean a dead connection",
              defaultValue = "5", javaType = "int")
    private int missedHeartbeats = 5;
    @UriParam(description = "After the server said in band that it throttles us: wait this long times the count in a row,"
                            + " besides the backoff (ms)", defaultValue = "30000", javaType = "long")
    private long rateLimitedBackoff = 30_000;

    private WebSocketClient streamClient;
    /** The running consumer, if any (under master: only on the leader). */
    private volatile ResilientClientConsumer consumer;

    public CxoneStreamEndpoint(String uri, CxoneStreamComponent component, VertxWebsocketConfiguration configuration) {
        super(uri, component, configuration);
    }

    @Override
    public boolean isLenientProperties() {
        // an unknown option is a mistake, not a query parameter of the stream's URL
        return false;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (accessTokens == null) {
            throw new IllegalArgumentException("cxone-stream needs the accessTokens option (e.g. #cxoneAccessTokens)");
        }
        Consumer consumer = new ResilientClientConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("cxone-stream is consumer only: the consumer writes its own frames");
    }

    /**
     * Opens a new connection to {@code url} without blocking: to the endpoint's URL with its URI, TLS and
     * handshake options exactly as the stock endpoint derives them, or to a URL the protocol discovered, with
     * the same handshake headers.
     */
    synchronized Future<WebSocket> openWebSocket(URI url) {
        try {
            if (streamClient == null) {
                WebSocketClientOptions options = new WebSocketClientOptions().setConnectTimeout((int) connectTimeout);
                if (getConfiguration().getSslContextParameters() != null) {
                    VertxHelper.setupSSLOptions(getCamelContext(), getConfiguration().getSslContextParameters(), options);
                }
                streamClient = getVertx().createWebSocketClient(options);
            }
            WebSocketConnectOptions connect;
            if (url.equals(getConfiguration().getWebsocketURI())) {
                connect = getWebSocketConnectOptions(new HttpClientOptions());
            } else {
                connect = new WebSocketConnectOptions().setAbsoluteURI(url.toString());
                getConfiguration().getHandshakeHeaders().forEach((name, value) -> connect.addHeader(name, String.valueOf(value)));
            }
            connect.setConnectTimeout(connectTimeout);
            return streamClient.connect(connect);
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (streamClient != null) {
            streamClient.close();
            streamClient = null;
        }
        super.doStop();
    }

    void consumerStarted(ResilientClientConsumer started) {
        consumer = started;
    }

    synchronized void consumerStopped(ResilientClientConsumer stopped) {
        if (consumer == stopped) {
            consumer = null;
        }
    }

    /** The consumer running now, or null (not started yet, or not the leader). */
    ResilientClientConsumer runningConsumer() {
        return consumer;
    }

    String streamUrl() {
        return String.valueOf(getConfiguration().getWebsocketURI());
    }

    URI configuredUri() {
        return getConfiguration().getWebsocketURI();
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

    public long getReconnectBaseDelay() {
        return reconnectBaseDelay;
    }

    public void setReconnectBaseDelay(long reconnectBaseDelay) {
        this.reconnectBaseDelay = reconnectBaseDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public long getHealthyAfter() {
        return healthyAfter;
    }

    public void setHealthyAfter(long healthyAfter) {
        this.healthyAfter = healthyAfter;
    }

    public long getAuthTimeout() {
        return authTimeout;
    }

    public void setAuthTimeout(long authTimeout) {
        this.authTimeout = authTimeout;
    }

    public long getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(long pingInterval) {
        this.pingInterval = pingInterval;
    }

    public long getPongTimeout() {
        return pongTimeout;
    }

    public void setPongTimeout(long pongTimeout) {
        this.pongTimeout = pongTimeout;
    }

    public int getMissedHeartbeats() {
        return missedHeartbeats;
    }

    public void setMissedHeartbeats(int missedHeartbeats) {
        this.missedHeartbeats = missedHeartbeats;
    }

    public long getRateLimitedBackoff() {
        return rateLimitedBackoff;
    }

    public void setRateLimitedBackoff(long rateLimitedBackoff) {
        this.rateLimitedBackoff = rateLimitedBackoff;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }
}
