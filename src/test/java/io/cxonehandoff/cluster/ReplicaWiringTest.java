package io.cxonehandoff.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.PostgresExtension;
import io.cxonehandoff.deadletter.DeadLetterStore;
import io.cxonehandoff.handoff.HandoffRecordFile;
import io.cxonehandoff.store.PostgresDeadLetterStore;
import io.cxonehandoff.store.PostgresHandoffRecord;
import io.cxonehandoff.store.SharedDeadLetters;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's beans (routes/beans.camel.yaml, application.properties) with stand-in routes
 * (src/test/resources/replicas), booted by Camel Main as the application boots: unset, it is the single
 * process on files; with CXONE_HANDOFF_CLUSTER=postgresql and a JDBC URL, two replicas share one record and
 * one dead-letter table, only the leader's {@code master:} route runs, and a replay asked of the follower is
 * carried out by the leader.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicaWiringTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path dataDir;

    private final List<Main> mains = new ArrayList<>();

    @AfterEach
    void stop() {
        mains.forEach(Main::stop);
    }

    private CamelContext replica(String name, Map<String, String> settings) throws Exception {
        Main main = new Main();
        // routes before beans: Camel Main then builds the YAML beans twice (pre-parse, then load), the
        // harder case, which the application's file order may also produce
        main.configure().withRoutesIncludePattern("classpath:replicas/routes.camel.yaml,file:routes/beans.camel.yaml");
        main.setPropertyPlaceholderLocations("file:application.properties");
        main.addOverrideProperty("camel.main.name", name);
        main.addOverrideProperty("camel.management.port", "0");
        // the beans read the connection settings' queue (no CXONE_* in a test's environment)
        main.addOverrideProperty("cxone.queue-id", "queue-1");
        main.addOverrideProperty("handoff.data-dir", dataDir.resolve(name).toString());
        settings.forEach(main::addOverrideProperty);
        mains.add(main);
        main.start();
        return main.getCamelContext();
    }

    @Test
    void unsetItIsOneProcessThatLeadsAndKeepsItsStateInFiles() throws Exception {
        CamelContext context = replica("single", Map.of());

        assertThat(clusterService(context)).isInstanceOf(SingleMemberClusterService.class);
        assertThat(handoffRepository(context)).isInstanceOf(HandoffRecordFile.class);
        assertThat(deadLetterStore(context)).isInstanceOf(DeadLetterStore.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks(context) > 0);

        handoff(context, "chat-1");
        handoff(context, "chat-1");
        assertThat(context.getEndpoint("mock:transferred", MockEndpoint.class).getReceivedCounter()).isEqualTo(1);
        assertThat(Files.readAllLines(dataDir.resolve("single").resolve("handoffs-done.txt"))).containsExactly("chat-1");
    }

    @Test
    void withPostgresqlTwoReplicasShareTheRecordAndOnlyTheLeaderRunsItsMasterRoute() throws Exception {
        String url = POSTGRES.database();
        Map<String, String> shared = Map.of("cluster.mode", "postgresql", "store.jdbc.url", url,
                "store.jdbc.user", PostgresExtension.USER, "cluster.postgresql.poll-ms", "300");
        CamelContext a = replica("replica-a", with(shared, "cluster.member-id", "replica-a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks(a) > 0);
        CamelContext b = replica("replica-b", with(shared, "cluster.member-id", "replica-b"));

        assertThat(handoffRepository(a)).isInstanceOf(PostgresHandoffRecord.class);
        assertThat(deadLetterStore(b)).isInstanceOf(PostgresDeadLetterStore.class);
        assertThat(clusterService(b)).isInstanceOf(PostgresLockClusterService.class);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> ticks(b) == 0);
        // both replicas are ready (a follower must be, to take over), each with its role
        assertThat(readiness(a)).containsEntry("cluster.role", "leader");
        assertThat(readiness(b)).containsEntry("cluster.role", "follower").containsEntry("cluster.member", "replica-b");

        // the same chat sent to both: transferred once, by the leader; the follower's guard refuses it
        Exchange byLeader = handoff(a, "chat-1");
        Exchange byFollower = handoff(b, "chat-2");
        Exchange duplicate = handoff(b, "chat-1");
        assertThat(byLeader.getException()).isNull();
        assertThat(byFollower.getException()).isInstanceOf(NotLeaderException.class);
        assertThat(duplicate.getProperty(Exchange.DUPLICATE_MESSAGE, Boolean.class)).isTrue();
        assertThat(transferred(a) + transferred(b)).isEqualTo(1);

        // a dead letter stored by one replica is listed by the other
        Exchange failed = a.getEndpoint("direct:dead-letter").createExchange();
        failed.setProperty("interactionId", "chat-3");
        failed.setProperty(DeadLetterStore.ORIGINAL_EVENT, Map.of("id", "chat-3", "type", "webchat", "state", "bot_active"));
        String name = a.createProducerTemplate().send("direct:dead-letter", failed).getMessage().getBody(String.class);
        SharedDeadLetters atFollower = (SharedDeadLetters) b.getRegistry().lookupByName("deadLetterStore");
        SharedDeadLetters atLeader = (SharedDeadLetters) a.getRegistry().lookupByName("deadLetterStore");
        assertThat(atFollower.list()).containsExactly(name);

        // replayed from the follower: recorded, not queued there; the leader's timer queues it, once
        assertThat(atFollower.replay(name)).isTrue();
        assertThat(atFollower.list()).isEmpty();
        assertThat(atFollower.replay(name)).as("asked twice: already with the leader").isFalse();
        assertThat(atFollower.replayRequested()).as("a follower carries out no replay").isZero();
        assertThat(queued(b)).isZero();
        assertThat(atLeader.replayRequested()).isEqualTo(1);
        assertThat(atLeader.replayRequested()).isZero();
        assertThat(queued(a)).isEqualTo(1);
        assertThat(a.getEndpoint("mock:queued", MockEndpoint.class).getReceivedExchanges().get(0).getProperty("replayOf"))
                .isEqualTo(name);

        // the leader stops: the other replica's master: route starts, and its writes pass the guard
        mains.get(0).stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks(b) > 0);
        assertThat(handoff(b, "chat-2").getException()).isNull();
        assertThat(transferred(b)).isEqualTo(1);
    }

    /** The cluster-member readiness check's details; fails unless it is UP. */
    private static Map<String, Object> readiness(CamelContext context) {
        HealthCheck.Result result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("cluster-member")).findFirst().orElseThrow();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        return result.getDetails();
    }

    /** The one cluster service Camel Main added to the context, unwrapped to the configured mode's. */
    private static CamelClusterService clusterService(CamelContext context) {
        Set<CamelClusterService> services = context.hasServices(CamelClusterService.class);
        assertThat(services).singleElement().isInstanceOf(ConfiguredClusterService.class);
        return ((ConfiguredClusterService) services.iterator().next()).delegate();
    }

    private static Object handoffRepository(CamelContext context) {
        return context.getRegistry().lookupByName("handoffRepository");
    }

    private static Object deadLetterStore(CamelContext context) {
        return ((SharedDeadLetters) context.getRegistry().lookupByName("deadLetterStore")).delegate();
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(key, value);
        return all;
    }

    private static Exchange handoff(CamelContext context, String interactionId) {
        return context.createProducerTemplate().send("direct:handoff", e -> e.setProperty("interactionId", interactionId));
    }

    private static int ticks(CamelContext context) {
        return context.getEndpoint("mock:leader-ticks", MockEndpoint.class).getReceivedCounter();
    }

    private static int queued(CamelContext context) {
        return context.getEndpoint("mock:queued", MockEndpoint.class).getReceivedCounter();
    }

    private static int transferred(CamelContext context) {
        return context.getEndpoint("mock:transferred", MockEndpoint.class).getReceivedCounter();
    }
}
