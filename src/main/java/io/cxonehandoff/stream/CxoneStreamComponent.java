package io.cxonehandoff.stream;

import java.net.URI;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code cxone-stream:wss://host/path}: the CXone event stream, a long-lived authenticated WebSocket client
 * built on camel-vertx-websocket (its Vert.x, URI parsing, TLS and handshake options), with a consumer of its
 * own ({@link ResilientClientConsumer}) and options of its own ({@link CxoneStreamEndpoint}).
 * <p>
 * Why not the stock {@code vertx-websocket:} client consumer: it connects once at startup (failing the context
 * when CXone is down), reconnects on a fixed timer and gives up, cannot re-authenticate after a reconnect, and
 * hands frames to a worker pool that reorders them.
 */
@Component("cxone-stream")
public class CxoneStreamComponent extends VertxWebsocketComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        VertxWebsocketEndpoint endpoint = (VertxWebsocketEndpoint) super.createEndpoint(uri, remaining, parameters);
        // the stock component fills a URL without a port with its server's default port (0): a tenant's
        // wss://host/path means 443, as in any WebSocket client
        URI url = endpoint.getConfiguration().getWebsocketURI();
        if (url.getPort() <= 0) {
            int port = "wss".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            endpoint.getConfiguration().setWebsocketURI(new URI(url.getScheme(), url.getUserInfo(), url.getHost(), port,
                    url.getPath(), url.getQuery(), url.getFragment()));
        }
        return endpoint;
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        // always a client of the tenant's stream
        configuration.setConsumeAsClient(true);
        return new CxoneStreamEndpoint(uri, this, configuration);
    }
}
