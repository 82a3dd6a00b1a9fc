package io.cxonehandoff;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Starts the integration the way the jar and the container do: top-level {@code application.properties}
 * and {@code routes/}, plus the embedded CXone simulator when no tenant is configured.
 */
public final class CxoneHandoffApplication {

    /**
     * Routes, relative to the working directory (the repository root, or the container's /app): the flow, and
     * the operations of the API profile.
     */
    public static final String ROUTES = "file:routes/*.camel.yaml,file:routes/api/tutorial.camel.yaml";
    /** The top-level properties file. */
    public static final String PROPERTIES = "file:application.properties";

    private CxoneHandoffApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        configure(main);
        String baseUrl = System.getenv("CXONE_BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            EmbeddedTenant tenant = EmbeddedTenant.start(EmbeddedTenant.settingsFrom("application.properties"));
            main.setOverrideProperties(tenant.connectionProperties());
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
    public static void configure(Main main) {
        main.configure().withRoutesIncludePattern(ROUTES);
        main.setPropertyPlaceholderLocations(PROPERTIES);
    }
}
