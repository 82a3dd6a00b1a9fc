package io.cxonehandoff.dfo;

import java.util.List;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the tenant is, found out from CXONE_AUTH_URL alone (docs/cxone-dfo.md section 1): the issuer's OpenID
 * configuration names the token endpoint, the token's id token the tenant, the tenant's CXone configuration the API
 * host, the API the event hub; the event hub's template when CXone does not say where it is.
 */
@DfoProfile
class DfoDiscoveryTest extends HandoffTestSupport {

    @Test
    void theTenantIsDiscoveredInOrderAndOnce() {
        awaitSubscribed();
        List<RecordedRequest> calls = sinceThisContextStarted();

        assertThat(calls.stream().limit(4).map(DfoDiscoveryTest::describe)).containsExactly(
                "DISCOVERY /.well-known/openid-configuration",
                "TOKEN /auth/token",
                "DISCOVERY /.well-known/cxone-configuration?tenantId=" + simulator().dfo().tenantId(),
                "EVENT_HUB_URL /dfo/3.0/event-hub-url");
        assertThat(calls.get(1).method()).isEqualTo("POST");
        assertThat(calls.get(1).headerNames()).contains("authorization");
        assertThat(calls.get(3).headerNames()).as("the API call carries the token").contains("authorization");
        assertThat(calls.get(0).headerNames()).as("discovery needs no token").doesNotContain("authorization");

        // a reconnect asks where the event hub is again (it may move), with a new token; nothing else is discovered again
        long discoveries = simulator().count(Operation.DISCOVERY, 200);
        int registered = simulator().authenticatedTokens().size();
        simulator().dropConnections(true);
        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() == registered + 1);
        assertThat(simulator().count(Operation.DISCOVERY, 200)).isEqualTo(discoveries);
        assertThat(sinceThisContextStarted()).filteredOn(r -> r.operation() == Operation.EVENT_HUB_URL).hasSize(2);
    }

    /** 0 = the answer has no websocketUrl; else the status event-hub-url answers (5xx after its retries). */
    @ParameterizedTest(name = "event-hub-url answering {0}")
    @ValueSource(ints = {200, 404, 503})
    void theEventHubUrlTemplateIsUsedWhenCxoneDoesNotSayWhereTheHubIs(int status) {
        awaitSubscribed();
        int registered = simulator().authenticatedTokens().size();
        simulator().dfo().setEventHubUrlFault(status);

        simulator().dropConnections(false);

        // cxone.dfo.event-hub-url-template (the test's: ws://{domain}/event-hub, from the tenant's CXone configuration)
        await().atMost(PATIENCE).until(() -> simulator().authenticatedTokens().size() == registered + 1
                                             && simulator().subscribedSockets() == 1);
        assertThat(simulator().count(Operation.EVENT_HUB_URL, status)).isPositive();
        String id = "via-template-" + status;
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
    }

    /** This test's calls: from its context's discovery on (the simulator serves every test of the class). */
    private List<RecordedRequest> sinceThisContextStarted() {
        List<RecordedRequest> all = simulator().requests();
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (describe(all.get(i)).equals("DISCOVERY /.well-known/openid-configuration")) {
                start = i;
            }
        }
        return all.subList(start, all.size());
    }

    private static String describe(RecordedRequest request) {
        return request.operation() + " " + request.path() + (request.query() == null ? "" : "?" + request.query());
    }
}
