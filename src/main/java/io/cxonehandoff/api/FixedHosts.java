package io.cxonehandoff.api;

/** Hosts known from the settings: the tutorial profile's one base URL, for the API and the token alike. */
public class FixedHosts implements CxoneHosts {

    private String apiBase;
    private String authBase;
    private String tokenPath = "/oauth/token";

    @Override
    public String base(String host) {
        return "auth".equals(host) ? authBase : apiBase;
    }

    @Override
    public String tokenEndpoint() {
        return authBase + tokenPath;
    }

    /** The token endpoint's path on the identity provider (cxone.api.token-path). */
    public void setTokenPath(String tokenPath) {
        this.tokenPath = tokenPath;
    }

    /** The REST API's base URL (cxone.base-url). */
    public void setApiBase(String apiBase) {
        this.apiBase = apiBase;
        if (authBase == null) {
            authBase = apiBase;
        }
    }

    /** The identity provider's base URL; the API's when not set. */
    public void setAuthBase(String authBase) {
        this.authBase = authBase;
    }
}
