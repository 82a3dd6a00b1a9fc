package io.cxonehandoff.auth;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.support.CapturedLog;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wrong client credentials: one clear error naming what to fix and no retry loop, while the integration stays up
 * (the dfo profile's app registration and access key: {@code DfoRefusedCredentialsTest}).
 */
class RefusedCredentialsTest extends HandoffTestSupport {

    /** Open before the context starts: the refusal comes with its first token request. */
    private static CapturedLog log;

    @BeforeAll
    static void captureTheLog() {
        log = new CapturedLog();
    }

    @AfterAll
    static void stopCapturing() {
        log.close();
    }

    @Override
    protected Properties testProperties() {
        return properties("cxone.client-secret", "not-the-secret");
    }

    /** The variables the ERROR names. */
    protected List<String> credentialsVariables() {
        return List.of("CXONE_CLIENT_ID", "CXONE_CLIENT_SECRET");
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
        List<String> errors = log.rendered().stream().filter(line -> line.contains("ERROR")).toList();
        assertThat(errors.stream().filter(line -> line.contains(credentialsVariables().get(0))))
                .as("one ERROR names what to fix").singleElement().asString()
                .contains("refused the client credentials").contains(credentialsVariables());
        assertThat(log.containing("reconnecting")).as("the stream does not retry refused credentials").isEmpty();
    }
}
