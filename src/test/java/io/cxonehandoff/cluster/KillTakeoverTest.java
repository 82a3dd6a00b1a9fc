package io.cxonehandoff.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the leader, a process of its own, with the timing the factory configures: the replica in the
 * test JVM takes over, and the time from the kill to its leadership is logged and bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KillTakeoverTest {

    private static final Logger LOG = LoggerFactory.getLogger(KillTakeoverTest.class);

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path dataDir;

    @Test
    void fileLockFollowerTakesOverWithinEightHeartbeatsOfAKill() throws Exception {
        // heartbeat 1 s, stale after 3 missed: the figures the factory uses by default
        String[] settings = {"mode=file", "dataDir=" + dataDir};
        long takeoverMs = takeoverAfterKill(settings);
        LOG.info("FileLockClusterService takeover after kill -9 of the leader (1 s x 3): {} ms", takeoverMs);
        // stale after 3 missed beats, seen at the next 1 s tick: ~3-5 s (Camel's default 10 s x 5: ~50 s)
        assertThat(takeoverMs).isLessThan(8000);
    }

    @Test
    void postgresqlFollowerTakesOverWithinTwoPollsOfAKill() throws Exception {
        String[] settings = {"mode=postgresql", "jdbc.url=" + POSTGRES.database(), "jdbc.user=" + PostgresExtension.USER,
                             "clusterName=tenant-a"};
        long takeoverMs = takeoverAfterKill(settings);
        LOG.info("PostgreSQL advisory-lock takeover after kill -9 of the leader (poll 1 s): {} ms", takeoverMs);
        assertThat(takeoverMs).isLessThan(2500);
    }

    private static long takeoverAfterKill(String... settings) throws Exception {
        String[] childSettings = append(settings, "memberId=child");
        try (ChildReplica leader = ChildReplica.start(childSettings)) {
            assertThat(leader.awaitLeader(Duration.ofSeconds(30))).as("the child replica leads").isTrue();

            ClusterServiceFactory factory = new ClusterServiceFactory();
            for (String s : append(settings, "memberId=follower")) {
                set(factory, s);
            }
            try (ClusterMember follower = ClusterMember.start("follower", factory.create())) {
                // while the leader lives, the other replica stays a follower
                await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> !follower.isLeader());

                long killedAt = System.nanoTime();
                leader.kill();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(follower::isLeader);
                return TimeUnit.NANOSECONDS.toMillis(follower.gainedAt.get() - killedAt);
            }
        }
    }

    private static void set(ClusterServiceFactory factory, String setting) {
        int eq = setting.indexOf('=');
        String name = setting.substring(0, eq);
        String value = setting.substring(eq + 1);
        switch (name) {
            case "mode" -> factory.setMode(value);
            case "dataDir" -> factory.setDataDir(value);
            case "jdbc.url" -> factory.getJdbc().setUrl(value);
            case "jdbc.user" -> factory.getJdbc().setUser(value);
            case "clusterName" -> factory.setClusterName(value);
            case "memberId" -> factory.setMemberId(value);
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static String[] append(String[] settings, String more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }
}
