package io.cxonehandoff;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whether the integration runs against the embedded simulator or a tenant, from the environment. The simulator
 * runs only when asked for ({@code CXONE_SIMULATOR=true}) or when no connection setting is given at all (the
 * README's first command); a deployment that gives some connection settings and forgets others must not end
 * up on a fake tenant that reports ready, so it is refused with the missing names.
 */
public final class ConnectionSettings {

    /** Asks for the embedded simulator whatever else is set. */
    public static final String SIMULATOR = "CXONE_SIMULATOR";

    /** How to run. */
    public enum Mode { SIMULATOR, TENANT }

    private ConnectionSettings() {
    }

    /**
     * For launchers (bin/camel-run): prints {@code simulator} or {@code tenant} and the profile
     * ({@code tenant dfo}), or the problem and exits 2.
     */
    public static void main(String[] args) {
        try {
            Mode mode = from(System.getenv());
            System.out.println(mode.name().toLowerCase() + " " + ApiProfile.from(System.getenv()).id());
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
        ApiProfile profile = ApiProfile.from(env);
        String simulator = env.getOrDefault(SIMULATOR, "").trim();
        if (simulator.equalsIgnoreCase("true")) {
            return Mode.SIMULATOR;
        }
        List<String> required = profile.requiredVariables();
        // any connection variable of any profile means a tenant was meant (a wrong profile is a missing variable)
        boolean anyGiven = Arrays.stream(ApiProfile.values())
                .flatMap(p -> Stream.concat(p.requiredVariables().stream(), p.optionalVariables().stream()))
                .anyMatch(name -> isSet(env, name));
        if (!anyGiven && !simulator.equalsIgnoreCase("false")) {
            return Mode.SIMULATOR;
        }
        List<String> missing = required.stream().filter(name -> !isSet(env, name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("CXone connection settings incomplete" + (profile == ApiProfile.TUTORIAL ? ""
                    : " for " + ApiProfile.VARIABLE + "=" + profile.id()) + ": set " + String.join(", ", missing)
                    + " (or none of them, or " + SIMULATOR + "=true, for the embedded simulator)");
        }
        return Mode.TENANT;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
