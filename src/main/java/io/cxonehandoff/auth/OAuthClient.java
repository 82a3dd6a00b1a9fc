package io.cxonehandoff.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A token grant (the {@code clientCredentials} bean the cxone-token route sends): the app registration (client id
 * and secret) that both grants, tutorial and DFO, authenticate with, and the form each profile's endpoint reads.
 */
public abstract class OAuthClient {

    private String clientId;
    private String clientSecret;

    protected String clientId() {
        return clientId;
    }

    protected String clientSecret() {
        return clientSecret;
    }

    /** The form-encoded body of the token request. */
    public abstract String formBody();

    /** The token request's {@code Authorization} header; none (null) when the client authenticates in the form. */
    public String clientAuthorization() {
        return null;
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
