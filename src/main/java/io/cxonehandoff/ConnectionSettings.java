package io.cxonehandoff;

import java.util.List;
import java.util.Map;

/**
 * Whether the integration runs against the embedded simulator or a tenant, from the environment. The simulator
 * runs only when asked for ({@code CXONE_SIMULATOR=true}) or when no connection setting is given at all (the
 * README's first command); a deployment that gives some connection settings and forgets others must not end
 * up on a fake tenant that reports ready, so it is refused with the missing names.
 */
public final class ConnectionSettings {

    /** Asks for the embedded simulator whatever else is set. */
    public static final String SIMULATOR = "CXONE_SIMULATOR";

    /** The variables a tenant connection needs (the tutorial API profile). */
    static final List<String> REQUIRED = List.of("CXONE_BASE_URL", "CXONE_WS_URL", "CXONE_CLIENT_ID",
            "CXONE_CLIENT_SECRET", "CXONE_QUEUE_ID");
    /** Connection variables that may be left out. */
    static final List<String> OPTIONAL = List.of("CXONE_SCOPES");

    /** How to run. */
    public enum Mode { SIMULATOR, TENANT }

    private ConnectionSettings() {
    }

    /** For launchers (bin/camel-run): prints {@code simulator} or {@code tenant}, or the problem and exits 2. */
    public static void main(String[] args) {
        try {
            System.out.println(from(System.getenv()).name().toLowerCase());
        } catch (IllegalStateException incomplete) {
            System.err.println(incomplete.getMessage());
            System.exit(2);
        }
    }

    /**
     * The mode the environment asks for.
     *
     * @throws IllegalStateException naming the missing variables when some connection settings are given and
     *                               others are not, or when the simulator is turned off without a tenant
     */
    public static Mode from(Map<String, String> env) {
        String simulator = env.getOrDefault(SIMULATOR, "").trim();
        if (simulator.equalsIgnoreCase("true")) {
            return Mode.SIMULATOR;
        }
        List<String> given = REQUIRED.stream().filter(name -> isSet(env, name)).toList();
        boolean anyOptional = OPTIONAL.stream().anyMatch(name -> isSet(env, name));
        if (given.isEmpty() && !anyOptional && !simulator.equalsIgnoreCase("false")) {
            return Mode.SIMULATOR;
        }
        List<String> missing = REQUIRED.stream().filter(name -> !isSet(env, name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("CXone connection settings incomplete: set " + String.join(", ", missing)
                    + " (or none of them, or " + SIMULATOR + "=true, for the embedded simulator)");
        }
        return Mode.TENANT;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
