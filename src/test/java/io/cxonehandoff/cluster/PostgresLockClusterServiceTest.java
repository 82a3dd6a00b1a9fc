package io.cxonehandoff.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.PostgresExtension;
import io.cxonehandoff.support.JdbcSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Leader election on a PostgreSQL session advisory lock, against a real PostgreSQL: one leader of two,
 * takeover when the leader's session dies, a frozen leader's session ended by the server and the old
 * leader refused by its guard, and {@code master:} starting the route on the leader only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresLockClusterServiceTest {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLockClusterServiceTest.class);

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String url;

    @BeforeEach
    void database() {
        url = POSTGRES.database();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private PostgresLockClusterService service(String member, long pollMs, long sessionTimeoutMs) {
        return service(member, "tenant-a", pollMs, sessionTimeoutMs);
    }

    private PostgresLockClusterService service(String member, String tenant, long pollMs, long sessionTimeoutMs) {
        ClusterServiceFactory factory = new ClusterServiceFactory();
        factory.setMode("postgresql");
        factory.setMemberId(member);
        factory.setJdbc(new JdbcSettings(url, PostgresExtension.USER, ""));
        factory.setClusterName(tenant);
        factory.setPostgresPollMs(pollMs);
        factory.setPostgresSessionTimeoutMs(sessionTimeoutMs);
        return (PostgresLockClusterService) factory.create();
    }

    private ClusterMember member(String name, long pollMs, long sessionTimeoutMs) throws Exception {
        ClusterMember member = ClusterMember.start(name, service(name, pollMs, sessionTimeoutMs));
        toClose.add(member);
        return member;
    }

    @Test
    void ofTwoReplicasExactlyOneLeads() throws Exception {
        ClusterMember a = member("replica-a", 1000, 5000);
        ClusterMember b = member("replica-b", 1000, 5000);

        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
        ClusterMember leader = a.isLeader() ? a : b;
        ClusterMember follower = leader == a ? b : a;
        // the follower has tried the lock (and learned who holds it) at least once since
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.view.getLeader().isPresent());
        assertThat(follower.isLeader()).isFalse();
        assertThat(follower.view.getLeader().orElseThrow().getId()).isEqualTo(leader.name);
        assertThat(follower.guard().isLeader()).isFalse();
        assertThatThrownBy(() -> follower.guard().assertLeader()).isInstanceOf(NotLeaderException.class);
        assertThat(leader.guard().isLeader()).isTrue();
        assertThat(advisoryLockHolders()).containsExactly("cxone-handoff:" + leader.name);
    }

    @Test
    void theReplicasOfTwoTenantsInOneDatabaseEachHaveTheirOwnLeader() throws Exception {
        ClusterMember a = ClusterMember.start("tenant-a-1", service("tenant-a-1", "tenant-a", 1000, 5000));
        toClose.add(a);
        ClusterMember b = ClusterMember.start("tenant-b-1", service("tenant-b-1", "tenant-b", 1000, 5000));
        toClose.add(b);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() && b.isLeader());
        assertThat(advisoryLockHolders()).containsExactlyInAnyOrder("cxone-handoff:tenant-a-1", "cxone-handoff:tenant-b-1");
    }

    @Test
    void whenTheLeadersSessionDiesTheOtherReplicaLeadsWithinTwoPollIntervals() throws Exception {
        ClusterMember a = member("replica-a", 1000, 5000);
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        ClusterMember b = member("replica-b", 1000, 5000);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.view.getLeader().isPresent());

        // the leader's process or host goes away: its database session ends (here: killed by the server)
        long killedAt = System.nanoTime();
        terminate(((PostgresLockClusterView) a.view).backendPid());

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(b::isLeader);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(b.gainedAt.get() - killedAt);
        LOG.info("PostgreSQL takeover after the leader's session was terminated: {} ms", takeoverMs);
        // a follower polls every 1 s: it takes the lock at its next poll
        assertThat(takeoverMs).isLessThan(2500);

        // the old leader learns it at its next heartbeat (or at its next guarded write, sooner)
        await().atMost(Duration.ofSeconds(3)).until(() -> !a.isLeader());
        assertThat(a.guard().isLeader()).isFalse();
        assertThat(advisoryLockHolders()).containsExactly("cxone-handoff:replica-b");
    }

    @Test
    void aFrozenLeaderLosesItsLockAfterTheSessionTimeoutAndItsGuardRefusesItWhenItWakes() throws Exception {
        // replica-a "freezes" right after taking the lock: its next heartbeat is a minute away (as a paused
        // JVM's would be); the server ends its silent session after 1 s
        ClusterMember a = member("replica-a", 60_000, 1000);
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        long frozenAt = System.nanoTime();
        ClusterMember b = member("replica-b", 200, 1000);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(b::isLeader);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(b.gainedAt.get() - frozenAt);
        LOG.info("PostgreSQL takeover from a frozen leader (session timeout 1 s, poll 0.2 s): {} ms", takeoverMs);
        assertThat(takeoverMs).isLessThan(5000);

        // the frozen replica wakes up still believing it leads (no heartbeat ran) ...
        assertThat(a.isLeader()).isTrue();
        // ... and is refused before it writes anything
        assertThatThrownBy(() -> a.guard().assertLeader())
                .isInstanceOf(NotLeaderException.class)
                .hasMessageContaining("replica-a");
        await().atMost(Duration.ofSeconds(2)).until(() -> !a.isLeader() && a.lostAt.get() != 0);
        assertThat(b.guard().isLeader()).isTrue();
    }

    @Test
    void masterRoutesRunOnTheLeaderOnlyAndMoveWithTheLeadership() throws Exception {
        CamelContext a = replicaWithMasterRoute("replica-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks(a) > 0);
        CamelContext b = replicaWithMasterRoute("replica-b");
        PostgresLockClusterService serviceB = b.hasService(PostgresLockClusterService.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> serviceB.getView(ClusterServiceFactory.DEFAULT_NAMESPACE).getLeader().isPresent());
        assertThat(ticks(b)).isZero();

        // a stops (SIGTERM): its lock is released on the way out and b's route starts
        long stoppedAt = System.nanoTime();
        a.stop();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> ticks(b) > 0);
        LOG.info("PostgreSQL handover on stop, to the first exchange of the new leader's master: route: {} ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt));
    }

    private CamelContext replicaWithMasterRoute(String name) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(service(name, 500, 5000));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:" + ClusterServiceFactory.DEFAULT_NAMESPACE + ":timer:tick?period=100&delay=0").to("mock:ticks");
            }
        });
        context.start();
        toClose.add(context);
        return context;
    }

    private static int ticks(CamelContext context) {
        return context.getEndpoint("mock:ticks", MockEndpoint.class).getReceivedCounter();
    }

    private List<String> advisoryLockHolders() throws Exception {
        List<String> holders = new ArrayList<>();
        try (Connection admin = POSTGRES.adminConnection();
             PreparedStatement s = admin.prepareStatement("SELECT a.application_name FROM pg_locks l"
                                                          + " JOIN pg_stat_activity a ON a.pid = l.pid"
                                                          + " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = ?")) {
            s.setString(1, url.substring(url.lastIndexOf('/') + 1));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    holders.add(rs.getString(1));
                }
            }
        }
        return holders;
    }

    private static void terminate(int pid) throws Exception {
        assertThat(pid).isPositive();
        try (Connection admin = POSTGRES.adminConnection();
             PreparedStatement s = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
        }
    }
}
