package io.cxonehandoff;

import java.util.Properties;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the integration the way the jar and the container do: top-level {@code application.properties}
 * and {@code routes/}, plus the embedded CXone simulator when asked for or when no connection setting is given
 * ({@link ConnectionSettings}).
 */
public final class CxoneHandoffApplication {

    /** Property telling the health details and logs where the integration is connected: simulator or tenant. */
    public static final String MODE = "cxone.mode";

    private static final Logger LOG = LoggerFactory.getLogger(CxoneHandoffApplication.class);


    private CxoneHandoffApplication() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionSettings.Mode mode;
        ApiProfile profile;
        try {
            profile = ApiProfile.from(System.getenv());
            mode = ConnectionSettings.from(System.getenv());
        } catch (IllegalStateException incomplete) {
            LOG.error(incomplete.getMessage());
            System.exit(2);
            return;
        }
        Main main = new Main();
        configure(main, profile);
        if (mode == ConnectionSettings.Mode.SIMULATOR) {
            EmbeddedTenant tenant = EmbeddedTenant.start(EmbeddedTenant.settingsFrom("application.properties"));
            Properties overrides = tenant.connectionProperties();
            overrides.setProperty(MODE, "simulator");
            main.setOverrideProperties(overrides);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStop(BaseMainSupport stopped) {
                    tenant.close();
                }
            });
        }
        main.run(args);
    }

    /** Shared by the jar and the tests, so both load the same routes and properties. */
    public static void configure(Main main, ApiProfile profile) {
        main.configure().withRoutesIncludePattern(profile.routes());
        main.setPropertyPlaceholderLocations(profile.properties());
        LOG.info("CXone API profile: {} (routes/api/{}.camel.yaml)", profile.id(), profile.id());
    }
}
