package io.cxonehandoff.auth;

/** The OAuth2 client-credentials grant, as the form body the token endpoint expects. */
public class ClientCredentials extends OAuthClient {

    private String scopes;

    @Override
    public String formBody() {
        return "grant_type=client_credentials"
               + "&client_id=" + encode(clientId())
               + "&client_secret=" + encode(clientSecret())
               + "&scope=" + encode(scopes);
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    @Override
    public String toString() {
        // never print the secret, whoever logs this bean
        return "ClientCredentials[clientId=" + clientId() + ", scopes=" + scopes + "]";
    }
}
