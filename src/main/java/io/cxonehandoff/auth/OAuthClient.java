package io.cxonehandoff.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The app registration (client id and secret) that both token grants, tutorial and DFO, authenticate with. */
public abstract class OAuthClient {

    private String clientId;
    private String clientSecret;

    protected String clientId() {
        return clientId;
    }

    protected String clientSecret() {
        return clientSecret;
    }

    /** Form-urlencoded in UTF-8, as the token endpoint reads it; null as the empty string. */
    protected static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }
}
