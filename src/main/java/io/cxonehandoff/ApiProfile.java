package io.cxonehandoff;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which CXone API the integration speaks ({@code CXONE_API_PROFILE}): the tutorial's (the default) or CXone's
 * digital API, DFO 3.0. A profile is its operations and adapter beans ({@code routes/api/<name>.camel.yaml}),
 * its settings over the shared ones ({@code application-<name>.properties}, optional) and the environment
 * variables a tenant connection needs; the flow's routes are the same for every profile.
 */
public enum ApiProfile {

    TUTORIAL(List.of("CXONE_BASE_URL", "CXONE_WS_URL", "CXONE_CLIENT_ID", "CXONE_CLIENT_SECRET", "CXONE_QUEUE_ID"),
            List.of("CXONE_SCOPES")),
    DFO(List.of("CXONE_CLIENT_ID", "CXONE_CLIENT_SECRET", "CXONE_ACCESS_KEY_ID", "CXONE_ACCESS_KEY_SECRET",
                "CXONE_QUEUE_ID", "CXONE_BOT_SKILL_IDS"),
            List.of("CXONE_AUTH_URL", "CXONE_TENANT_ID", "CXONE_BASE_URL", "CXONE_WS_URL"));

    /** The environment variable that chooses the profile. */
    public static final String VARIABLE = "CXONE_API_PROFILE";

    private final List<String> required;
    private final List<String> optional;

    ApiProfile(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    /** The profile the environment asks for; tutorial when unset. */
    public static ApiProfile from(Map<String, String> env) {
        String name = env.getOrDefault(VARIABLE, "").trim();
        if (name.isEmpty()) {
            return TUTORIAL;
        }
        for (ApiProfile profile : values()) {
            if (profile.id().equalsIgnoreCase(name)) {
                return profile;
            }
        }
        throw new IllegalStateException(VARIABLE + "=" + name + " is not a profile: use tutorial or dfo");
    }

    /** {@code tutorial} or {@code dfo}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Routes relative to the working directory: the flow, and the profile's operations. */
    public String routes() {
        return "file:routes/*.camel.yaml,file:routes/api/" + id() + ".camel.yaml";
    }

    /** Properties locations, the profile's first (Camel takes a key from the first location that has it). */
    public String properties() {
        return "file:application-" + id() + ".properties;optional=true,file:application.properties";
    }

    /** The variables a tenant connection needs. */
    public List<String> requiredVariables() {
        return required;
    }

    /** Connection variables that may be left out (they still mean: a tenant is meant). */
    public List<String> optionalVariables() {
        return optional;
    }
}
