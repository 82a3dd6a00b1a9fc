package io.cxonehandoff.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The OAuth2 client-credentials grant, as the form body the token endpoint expects. */
public class ClientCredentials {

    private String clientId;
    private String clientSecret;
    private String scopes;

    /** The form-encoded body of the token request. */
    public String formBody() {
        return "grant_type=client_credentials"
               + "&client_id=" + encode(clientId)
               + "&client_secret=" + encode(clientSecret)
               + "&scope=" + encode(scopes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    @Override
    public String toString() {
        // never print the secret, whoever logs this bean
        return "ClientCredentials[clientId=" + clientId + ", scopes=" + scopes + "]";
    }
}
