package io.cxonehandoff.packaged;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar killed or stopped halfway through a handoff: the chat is still transferred exactly once (dfo:
 * {@code DfoCrashAndShutdownIT}).
 */
class CrashAndShutdownIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private final String secret = "it-" + UUID.randomUUID();
    private final Path dataDir = Path.of("target", "it-data", UUID.randomUUID().toString());
    private CxoneSimulator tenant;

    @BeforeEach
    void startTenant() {
        // slow calls: a 600-message history takes 6 pages, about a second, to read
        tenant = new CxoneSimulator(settings().latencyMillis(150)).start();
    }

    /** The tenant the jar talks to (its connection settings follow: {@code EmbeddedTenant.connectionEnvironment}). */
    protected SimulatorSettings settings() {
        return new SimulatorSettings().clientSecret(secret);
    }

    /** Secrets the jar is given, which no log line may show. */
    protected List<String> secrets() {
        return List.of(secret);
    }

    @AfterEach
    void stopTenant() {
        tenant.stop();
    }

    @Test
    void killedMidHandoffThenRestartedTransfersExactlyOnceWithTheWholeHistory() throws Exception {
        String id = "crash-1";
        tenant.chat(id).confidence(0.1).messages(600).create();
        try (PackagedIntegration first = PackagedIntegration.start(tenant, dataDir, "crash-first")) {
            await().atMost(PATIENCE).until(() -> tenant.subscribedSockets() == 1);
            tenant.emitEvent(id);
            await().atMost(PATIENCE).until(() -> pages(id) >= 2);
            first.kill();
        }
        assertThat(tenant.transfersFor(id)).as("killed before the transfer").isEmpty();

        try (PackagedIntegration second = PackagedIntegration.start(tenant, dataDir, "crash-second")) {
            // the event is gone with the killed process; catch-up after the reconnect finds the chat
            await().atMost(PATIENCE).until(() -> tenant.transfersFor(id).size() == 1);
            assertThat(HandoffTestSupport.handedOffMessages(tenant, id)).isEqualTo(600);

            tenant.emitEvent(id);
            tenant.chat("marker").confidence(0.1).create();
            tenant.emitEvent("marker");
            await().atMost(PATIENCE).until(() -> tenant.transfersFor("marker").size() == 1);
            assertThat(tenant.transfersFor(id)).hasSize(1);
            assertThat(second.logLines()).noneMatch(line -> secrets().stream().anyMatch(line::contains));
        }
    }

    @Test
    void sigtermLetsTheHandoffInFlightFinishAndExits() throws Exception {
        String id = "stopping";
        tenant.chat(id).confidence(0.1).messages(600).create();
        try (PackagedIntegration integration = PackagedIntegration.start(tenant, dataDir, "sigterm")) {
            await().atMost(PATIENCE).until(() -> tenant.subscribedSockets() == 1);
            tenant.emitEvent(id);
            await().atMost(PATIENCE).until(() -> pages(id) >= 1);

            int exit = integration.terminate(Duration.ofSeconds(30));

            assertThat(exit).as("stopped within the shutdown timeout").isNotEqualTo(-1);
            assertThat(tenant.transfersFor(id)).hasSize(1);
            assertThat(HandoffTestSupport.handedOffMessages(tenant, id)).isEqualTo(600);
            assertThat(tenant.subscribedSockets()).isZero();
            assertThat(integration.logLines()).anyMatch(line -> line.contains("outcome=transferred"));
        }
    }

    private long pages(String id) {
        return tenant.requests().stream()
                .filter(r -> r.operation() == Operation.GET_MESSAGES && id.equals(r.interactionId()) && r.status() == 200)
                .count();
    }
}
