package io.cxonehandoff.stream;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.common.VertxHelper;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;

/** A vertx-websocket endpoint whose client consumer survives disconnects (see {@link ResilientClientConsumer}). */
public class CxoneStreamEndpoint extends VertxWebsocketEndpoint {

    private WebSocketClient streamClient;

    public CxoneStreamEndpoint(String uri, CxoneStreamComponent component, VertxWebsocketConfiguration configuration) {
        super(uri, component, configuration);
    }

    @Override
    public CxoneStreamComponent getComponent() {
        return (CxoneStreamComponent) super.getComponent();
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!getConfiguration().isConsumeAsClient()) {
            return super.createConsumer(processor);
        }
        Consumer consumer = new ResilientClientConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Opens a new connection without blocking; the endpoint's URI, TLS and handshake options apply. */
    synchronized Future<WebSocket> openWebSocket() {
        try {
            if (streamClient == null) {
                WebSocketClientOptions options = new WebSocketClientOptions()
                        .setConnectTimeout((int) getComponent().getConnectTimeoutMs());
                if (getConfiguration().getSslContextParameters() != null) {
                    VertxHelper.setupSSLOptions(getCamelContext(), getConfiguration().getSslContextParameters(), options);
                }
                streamClient = getVertx().createWebSocketClient(options);
            }
            // host, port, path, TLS and handshake headers exactly as the stock endpoint derives them
            WebSocketConnectOptions connect = getWebSocketConnectOptions(new HttpClientOptions());
            connect.setConnectTimeout(getComponent().getConnectTimeoutMs());
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
}
