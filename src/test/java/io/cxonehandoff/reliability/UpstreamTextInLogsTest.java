package io.cxonehandoff.reliability;

import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.support.CapturedLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What CXone answers is never written to a log line: an answer that is not the promised JSON fails its handoff or its
 * catch-up listing with a WARN that names the call and the failure, not the text (which may hold a card number).
 * The simulator's broken answer is a maintenance page, {@code <html>maintenance</html>}.
 */
class UpstreamTextInLogsTest extends HandoffTestSupport {

    private static final String UPSTREAM_TEXT = "maintenance";

    @Override
    protected Properties testProperties() {
        // the catch-up at connect only (and when a test asks)
        return properties("handoff.catch-up.interval-ms", "3600000");
    }

    @Test
    void aBrokenAnswerFailsItsHandoffWithoutItsTextInTheLog() {
        awaitSubscribed();
        awaitReconciled();
        simulator().chat("garbled-read").confidence(0.1).create();
        simulator().garbleNext(Operation.GET_INTERACTION, 1);

        try (CapturedLog log = new CapturedLog()) {
            simulator().emitEvent("garbled-read");
            await().atMost(PATIENCE).until(() -> counter("cxone.handoff.failed", "reason", "unexpected_answer") == 1);
            await().atMost(PATIENCE).until(() -> !log.containing("garbled-read").isEmpty());

            assertThat(log.containing("garbled-read")).as("the failure is logged").isNotEmpty();
            assertThat(log.containing(UPSTREAM_TEXT)).as("but not what CXone answered").isEmpty();
        }
    }

    @Test
    void aBrokenListingFailsItsCatchUpWithoutItsTextInTheLog() {
        awaitSubscribed();
        awaitReconciled();
        simulator().garbleNext(Operation.LIST_INTERACTIONS, 1);

        try (CapturedLog log = new CapturedLog()) {
            reconcile();
            await().atMost(PATIENCE).until(() -> counter("cxone.catchup.failed") == 1);

            assertThat(log.rendered()).as("the failure is logged").anyMatch(line -> line.contains("WARN"));
            assertThat(log.containing(UPSTREAM_TEXT)).as("but not what CXone answered").isEmpty();
        }
    }
}
