package io.cxonehandoff;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.cxonehandoff.ConnectionSettings.Mode.SIMULATOR;
import static io.cxonehandoff.ConnectionSettings.Mode.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator runs only when asked for or when nothing points at a tenant; half a tenant is refused. */
class ConnectionSettingsTest {

    private static final Map<String, String> TENANT_ENV = Map.of("CXONE_BASE_URL", "https://api.example.test",
            "CXONE_WS_URL", "wss://stream.example.test/interaction/v1/events", "CXONE_CLIENT_ID", "id",
            "CXONE_CLIENT_SECRET", "secret", "CXONE_QUEUE_ID", "queue");

    @Test
    void noConnectionSettingAtAllRunsTheSimulator() {
        assertThat(ConnectionSettings.from(Map.of())).isEqualTo(SIMULATOR);
        assertThat(ConnectionSettings.from(Map.of("CXONE_RATE_LIMIT_RPS", "20", "HAWTIO_USER", "ops"))).isEqualTo(SIMULATOR);
    }

    @Test
    void everyConnectionSettingConnectsTheTenant() {
        assertThat(ConnectionSettings.from(TENANT_ENV)).isEqualTo(TENANT);
    }

    @Test
    void askingForTheSimulatorWinsOverTenantSettings() {
        Map<String, String> env = new HashMap<>(TENANT_ENV);
        env.put("CXONE_SIMULATOR", "true");
        assertThat(ConnectionSettings.from(env)).isEqualTo(SIMULATOR);
    }

    @Test
    void someSettingsWithoutTheOthersAreRefusedNamingTheMissingOnes() {
        Map<String, String> env = new HashMap<>(TENANT_ENV);
        env.remove("CXONE_WS_URL");
        env.put("CXONE_QUEUE_ID", " ");
        assertThatThrownBy(() -> ConnectionSettings.from(env))
                .hasMessage("CXone connection settings incomplete: set CXONE_WS_URL, CXONE_QUEUE_ID (or none of them, "
                            + "or CXONE_SIMULATOR=true, for the embedded simulator)");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("CXONE_BASE_URL", "https://api.example.test")))
                .hasMessageContaining("set CXONE_WS_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET, CXONE_QUEUE_ID");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("CXONE_SCOPES", "interactions:read")))
                .hasMessageContaining("set CXONE_BASE_URL");
    }

    @Test
    void theDfoProfileNeedsItsOwnVariablesAndTheOthersAreOptional() {
        Map<String, String> dfo = new HashMap<>(Map.of("CXONE_API_PROFILE", "dfo", "CXONE_CLIENT_ID", "app",
                "CXONE_CLIENT_SECRET", "secret", "CXONE_ACCESS_KEY_ID", "key", "CXONE_ACCESS_KEY_SECRET", "key-secret",
                "CXONE_QUEUE_ID", "5001", "CXONE_BOT_SKILL_IDS", "4001,4002"));
        assertThat(ConnectionSettings.from(dfo)).isEqualTo(TENANT);
        assertThat(ConnectionSettings.from(Map.of("CXONE_API_PROFILE", "dfo"))).as("nothing set: the simulator, in dfo mode")
                .isEqualTo(SIMULATOR);

        dfo.remove("CXONE_BOT_SKILL_IDS");
        dfo.remove("CXONE_ACCESS_KEY_SECRET");
        assertThatThrownBy(() -> ConnectionSettings.from(dfo)).hasMessage("CXone connection settings incomplete for "
                + "CXONE_API_PROFILE=dfo: set CXONE_ACCESS_KEY_SECRET, CXONE_BOT_SKILL_IDS (or none of them, or "
                + "CXONE_SIMULATOR=true, for the embedded simulator)");
        // a dfo-only variable means a tenant was meant, whatever the profile
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("CXONE_AUTH_URL", "https://cxone.example.test")))
                .hasMessageContaining("set CXONE_BASE_URL");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("CXONE_API_PROFILE", "genesys")))
                .hasMessage("CXONE_API_PROFILE=genesys is not a profile: use tutorial or dfo");
    }

    @Test
    void theSimulatorTurnedOffWithoutATenantIsRefused() {
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("CXONE_SIMULATOR", "false")))
                .hasMessageContaining("set CXONE_BASE_URL, CXONE_WS_URL");
    }
}
