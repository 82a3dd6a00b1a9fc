package io.cxonehandoff.dfo;

import java.util.Properties;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CXONE_BASE_URL, CXONE_WS_URL and CXONE_TENANT_ID given: what they name is not discovered. */
@DfoProfile
class DfoConfiguredHostsTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties("cxone.dfo.api-url", simulator().baseUrl() + "/", "cxone.dfo.ws-url", simulator().dfo().eventHubUrl(),
                "cxone.dfo.tenant-id", simulator().dfo().tenantId());
    }

    @Test
    void givenHostsAndTenantAreUsedAsTheyAreAndOnlyTheTokenEndpointIsDiscovered() {
        String id = "configured";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().requests()).filteredOn(r -> r.operation() == Operation.DISCOVERY)
                .allSatisfy(r -> assertThat(r.path()).isEqualTo("/.well-known/openid-configuration"));
        assertThat(simulator().requests()).noneMatch(r -> r.operation() == Operation.EVENT_HUB_URL);
    }
}
