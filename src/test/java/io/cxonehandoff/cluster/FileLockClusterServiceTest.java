package io.cxonehandoff.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * camel-file's FileLockClusterService as the factory configures it (1 s heartbeat, stale after 3): two
 * replicas on one lock file under the data dir, one leads, and a stopped leader (SIGTERM) hands over
 * within about a heartbeat. The kill -9 case is in {@link KillTakeoverTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockClusterServiceTest {

    private static final Logger LOG = LoggerFactory.getLogger(FileLockClusterServiceTest.class);

    @TempDir
    Path dataDir;

    private FileLockClusterService service(String member) {
        ClusterServiceFactory factory = new ClusterServiceFactory();
        factory.setMode("file");
        factory.setMemberId(member);
        factory.setDataDir(dataDir.toString());
        return (FileLockClusterService) factory.create();
    }

    @Test
    void theFactoryUsesOneSecondHeartbeatsAndALockFileUnderTheDataDir() {
        FileLockClusterService service = service("a");
        assertThat(TimeUnit.MILLISECONDS.convert(service.getAcquireLockInterval(), service.getAcquireLockIntervalUnit()))
                .isEqualTo(1000);
        assertThat(service.getHeartbeatTimeoutMultiplier()).isEqualTo(3);
        assertThat(Path.of(service.getRoot())).isEqualTo(dataDir.resolve("cluster").resolve("cxone-handoff"));
        assertThat(service.getId()).isEqualTo("a");
    }

    @Test
    void oneOfTwoLeadsAndAStoppedLeaderHandsOverWithinAboutAHeartbeat() throws Exception {
        try (ClusterMember a = ClusterMember.start("a", service("a"));
             ClusterMember b = ClusterMember.start("b", service("b"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
            ClusterMember leader = a.isLeader() ? a : b;
            ClusterMember follower = leader == a ? b : a;
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> leader.isLeader() && !follower.isLeader());
            assertThat(Files.exists(dataDir.resolve("cluster/cxone-handoff/" + ClusterServiceFactory.DEFAULT_NAMESPACE))).isTrue();

            long stoppedAt = System.nanoTime();
            leader.context.stop();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(follower::isLeader);
            long handoverMs = TimeUnit.NANOSECONDS.toMillis(follower.gainedAt.get() - stoppedAt);
            LOG.info("FileLockClusterService handover after the leader stopped (1 s x 3): {} ms", handoverMs);
            assertThat(handoverMs).isLessThan(3000);
        }
    }
}
