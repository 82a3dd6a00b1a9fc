package io.cxonehandoff.auth;

import java.time.Duration;
import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Wrong client credentials: a clear error and no retry loop, while the integration stays up. */
class RefusedCredentialsTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties("cxone.client-secret", "not-the-secret");
    }

    @Test
    void refusedCredentialsStopTokenRequestsInsteadOfLooping() {
        await().atMost(PATIENCE).until(() -> simulator().tokenRequests() == 1);
        // the stream would have reconnected many times in this window at 50-500 ms backoff
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> simulator().tokenRequests() == 1 && simulator().subscribedSockets() == 0);

        simulator().chat("never").confidence(0.1).create();
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(simulator().authenticatedTokens()).isEmpty();
    }
}
