package io.cxonehandoff.stream;

import java.util.Set;

import io.cxonehandoff.auth.AccessTokenCache;
import org.apache.camel.CamelContext;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpointConfigurer;

/**
 * Sets {@code cxone-stream:} options (found by Camel as {@code cxone-stream-endpoint} in META-INF/services, the
 * way Camel's generated configurers are): ours, then camel-vertx-websocket's connection options. The stock
 * options that this consumer does not honour are refused rather than silently ignored.
 */
public class CxoneStreamEndpointConfigurer extends VertxWebsocketEndpointConfigurer {

    private static final Set<String> REFUSED = Set.of("reconnectinterval", "reconnectinitialdelay", "maxreconnectattempts",
            "consumeasclient", "router", "serveroptions", "sendtoall", "allowedoriginpattern", "firewebsocketconnectionevents");

    @Override
    public boolean configure(CamelContext camelContext, Object obj, String name, Object value, boolean ignoreCase) {
        CxoneStreamEndpoint target = (CxoneStreamEndpoint) obj;
        switch (name.toLowerCase()) {
            case "accesstokens" -> target.setAccessTokens(property(camelContext, AccessTokenCache.class, value));
            case "protocol" -> target.setProtocol(property(camelContext, StreamProtocol.class, value));
            case "reconnectbasedelay" -> target.setReconnectBaseDelay(property(camelContext, long.class, value));
            case "reconnectmaxdelay" -> target.setReconnectMaxDelay(property(camelContext, long.class, value));
            case "healthyafter" -> target.setHealthyAfter(property(camelContext, long.class, value));
            case "authtimeout" -> target.setAuthTimeout(property(camelContext, long.class, value));
            case "pinginterval" -> target.setPingInterval(property(camelContext, long.class, value));
            case "pongtimeout" -> target.setPongTimeout(property(camelContext, long.class, value));
            case "connecttimeout" -> target.setConnectTimeout(property(camelContext, long.class, value));
            case "missedheartbeats" -> target.setMissedHeartbeats(property(camelContext, int.class, value));
            case "ratelimitedbackoff" -> target.setRateLimitedBackoff(property(camelContext, long.class, value));
            default -> {
                if (REFUSED.contains(name.toLowerCase())) {
                    throw new IllegalArgumentException("cxone-stream does not support option " + name
                            + ": it is always a client, reconnects forever with backoff (reconnectBaseDelay, reconnectMaxDelay)");
                }
                return super.configure(camelContext, obj, name, value, ignoreCase);
            }
        }
        return true;
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        return switch (name.toLowerCase()) {
            case "accesstokens" -> AccessTokenCache.class;
            case "protocol" -> StreamProtocol.class;
            case "reconnectbasedelay", "reconnectmaxdelay", "healthyafter", "authtimeout", "pinginterval", "pongtimeout",
                 "connecttimeout", "ratelimitedbackoff" -> long.class;
            case "missedheartbeats" -> int.class;
            default -> super.getOptionType(name, ignoreCase);
        };
    }
}
