package io.cxonehandoff.api;

/** Hosts known from the settings: the tutorial profile's one base URL, for the API and the token alike. */
public class FixedHosts implements CxoneHosts {

    private String apiBase;
    private String authBase;

    @Override
    public String base(String host) {
        return "auth".equals(host) ? authBase : apiBase;
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
