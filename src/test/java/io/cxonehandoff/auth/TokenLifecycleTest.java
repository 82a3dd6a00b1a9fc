package io.cxonehandoff.auth;

import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens through the real routes: a revoked token is replaced after a 401 and the call retried once (the dfo
 * profile's password grant: {@code DfoTokenLifecycleTest}).
 */
class TokenLifecycleTest extends HandoffTestSupport {

    /** Catch-up's listing call could be the first to meet the revoked token; this test wants the handoff's. */
    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF);
    }

    @Test
    void revokedTokenIsRefreshedAfterA401AndTheHandoffCompletes() {
        awaitSubscribed();
        String id = "after-revocation";
        makeWatched(id);
        int tokensBefore = simulator().tokenRequests();
        simulator().revokeAllTokens();

        simulator().chat(id).confidence(0.2).messages(120).create();
        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().count(Operation.GET_INTERACTION, 401)).isEqualTo(1);
        // one new token for the first 401; every later call reuses it
        assertThat(simulator().tokenRequests()).isEqualTo(tokensBefore + 1);
        assertThat(handedOffMessages(id)).isEqualTo(120);
    }
}
