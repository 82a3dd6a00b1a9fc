package io.cxonehandoff.console;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/** The JAAS configuration with the {@code hawtio} realm added; other realms are left to the previous one. */
final class HawtioRealm extends Configuration {

    static final String NAME = "hawtio";

    private final Configuration previous;

    private HawtioRealm(Configuration previous) {
        this.previous = previous;
    }

    /** Installs the realm JVM-wide (JAAS has no other way to find it). */
    static void install() {
        Configuration current = null;
        try {
            current = Configuration.getConfiguration();
        } catch (SecurityException noneYet) {
            // no JAAS file configured: only our realm then
        }
        if (!(current instanceof HawtioRealm)) {
            Configuration.setConfiguration(new HawtioRealm(current));
        }
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (NAME.equals(name)) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry(ConsoleLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }
}
