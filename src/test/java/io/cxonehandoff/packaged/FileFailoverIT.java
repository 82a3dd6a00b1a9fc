package io.cxonehandoff.packaged;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged replicas on one host with CXONE_HANDOFF_CLUSTER=file and one data directory: the lock file
 * (camel-file's FileLockClusterService, heartbeat 1 s x 3) and the file store (handoffs-done.txt, dead-letters/)
 * are shared. The scenarios of {@link FailoverScenarios}, and a leader whose lock file is taken away.
 */
class FileFailoverIT extends FailoverScenarios {

    @Override
    Map<String, String> clusterEnvironment() {
        return Map.of("CXONE_HANDOFF_CLUSTER", "file");
    }

    @Override
    List<String> recorded() throws Exception {
        Path record = dataDir.resolve("handoffs-done.txt");
        // a line is the episode's key: <interaction>#<bot session>
        return Files.isRegularFile(record)
                ? Files.readAllLines(record).stream().map(key -> key.split("#", 2)[0]).toList() : List.of();
    }

    @Override
    String mode() {
        return "file";
    }

    @Override
    String leadershipLine() {
        return "acquired (lock=";
    }

    @Test
    void aLeaderWhoseLockFileIsTakenAwayStopsConsuming() throws Exception {
        Replica[] pair = leaderAndFollower();
        Replica leader = pair[0];

        // the lock file is <data dir>/cluster/<cluster name>/<namespace>
        Instant removedAt = Instant.now();
        Files.delete(dataDir.resolve("cluster").resolve("cxone-handoff").resolve("cxone-handoff"));
        awaitLine(leader, STREAM_STOPPED);
        LOG.info("{}: lock file removed -> the leader stopped consuming in {} ms", mode(),
                Duration.between(removedAt, instant(awaitLine(leader, STREAM_STOPPED))).toMillis());

        // one of the two takes a new lock (its heartbeat gone stale) and consumes again
        await().atMost(PATIENCE).until(() -> lines(pair[0], SUBSCRIBED).size() + lines(pair[1], SUBSCRIBED).size() >= 2
                                             && tenant.subscribedSockets() == 1);
        tenant.chat("after-lock-loss").confidence(0.1).messages(3).create();
        tenant.emitEvent("after-lock-loss");
        awaitHandedOffOnce(List.of("after-lock-loss"));
        // recorded once the transfer has answered: a moment after the simulator saw it
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recorded()).containsOnlyOnce("after-lock-loss"));
    }
}
