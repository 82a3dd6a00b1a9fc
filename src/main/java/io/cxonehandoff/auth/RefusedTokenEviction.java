package io.cxonehandoff.auth;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Redelivery hook of the 401 policy: drops the token CXone refused, so the retry carries a new one. */
public class RefusedTokenEviction implements Processor {

    private AccessTokenCache accessTokens;

    @Override
    public void process(Exchange exchange) {
        accessTokens.invalidate(exchange.getProperty(AccessTokenCache.TOKEN_USED, String.class));
    }

    public void setAccessTokens(AccessTokenCache accessTokens) {
        this.accessTokens = accessTokens;
    }
}
