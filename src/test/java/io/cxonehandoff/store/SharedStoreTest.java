package io.cxonehandoff.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.PostgresExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared state in a real PostgreSQL: Flyway's schema, the exactly-once record under concurrency from
 * two replicas (two pools), remove-on-failure as the handoff route uses it, and dead letters replayed once
 * whichever replica asks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedStoreTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private SharedDatabase database(String url) {
        SharedDatabase db = new SharedDatabase();
        db.setJdbcUrl(url);
        db.setUser(PostgresExtension.USER);
        db.setPoolSize(8);
        toClose.add(db::stop);
        return db;
    }

    private PostgresHandoffRecord record(SharedDatabase db, String member) {
        PostgresHandoffRecord record = new PostgresHandoffRecord();
        record.setDatabase(db);
        record.setMemberId(member);
        record.start();
        toClose.add(record::stop);
        return record;
    }

    @Test
    void flywayCreatesTheSchemaInAnEmptyDatabaseAndLeavesItAloneOnRestart() throws Exception {
        String url = POSTGRES.database();
        SharedDatabase first = database(url);
        first.dataSource();
        first.stop();
        SharedDatabase restarted = database(url);
        restarted.dataSource();

        try (Connection c = DriverManager.getConnection(url, PostgresExtension.USER, "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
                List<String> applied = new ArrayList<>();
                while (rs.next()) {
                    assertThat(rs.getBoolean(2)).isTrue();
                    applied.add(rs.getString(1));
                }
                // each migration applied once, not again on restart
                assertThat(applied).containsExactly("1", "2");
            }
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                                               + " WHERE table_schema = 'public' ORDER BY table_name")) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                assertThat(tables).contains("handoff_done", "dead_letter");
            }
        }
    }

    @Test
    void twoReplicasAddingTheSameKeysAtOnceRecordEachExactlyOnce() throws Exception {
        String url = POSTGRES.database();
        // two replicas: two pools, two members
        PostgresHandoffRecord a = record(database(url), "replica-a");
        PostgresHandoffRecord b = record(database(url), "replica-b");
        int keys = 200;
        int threadsPerReplica = 8;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerReplica);
        try {
            for (int k = 0; k < keys; k++) {
                String key = "interaction-" + k;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> adds = new ArrayList<>();
                for (int t = 0; t < threadsPerReplica; t++) {
                    for (PostgresHandoffRecord r : List.of(a, b)) {
                        Callable<Boolean> add = () -> {
                            go.await();
                            return r.add(key);
                        };
                        adds.add(pool.submit(add));
                    }
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : adds) {
                    if (f.get(30, TimeUnit.SECONDS)) {
                        winners++;
                    }
                }
                assertThat(winners).as("replicas that recorded %s", key).isEqualTo(1);
                assertThat(a.contains(key)).isTrue();
                assertThat(b.contains(key)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.getSize()).isEqualTo(keys);
    }

    @Test
    void aFailedHandoffLeavesItsKeyFreeAndAnotherReplicasFailureDoesNotEraseARecord() throws Exception {
        String url = POSTGRES.database();
        PostgresHandoffRecord a = record(database(url), "replica-a");
        PostgresHandoffRecord b = record(database(url), "replica-b");
        try (CamelContext replicaA = handoffRoute(a); CamelContext replicaB = handoffRoute(b)) {
            ProducerTemplate toA = replicaA.createProducerTemplate();
            ProducerTemplate toB = replicaB.createProducerTemplate();
            MockEndpoint doneA = replicaA.getEndpoint("mock:transferred", MockEndpoint.class);

            // the transfer fails: nothing is recorded, so the next event of the chat tries again
            Exchange failed = toA.send("direct:handoff", e -> failing(e, "chat-1"));
            assertThat(failed.getException()).isNotNull();
            assertThat(a.contains("chat-1")).isFalse();

            Exchange ok = toA.send("direct:handoff", e -> e.setProperty("interactionId", "chat-1"));
            assertThat(ok.getException()).isNull();
            assertThat(doneA.getReceivedCounter()).isEqualTo(1);
            assertThat(a.contains("chat-1")).isTrue();

            // the other replica sees it as done; its own failure on that chat (e.g. a stale event) does not
            // remove the record the first replica wrote
            Exchange duplicate = toB.send("direct:handoff", e -> failing(e, "chat-1"));
            assertThat(duplicate.getProperty(Exchange.DUPLICATE_MESSAGE, Boolean.class)).isTrue();
            assertThat(b.contains("chat-1")).isTrue();

            // eager mode (claim first): a failure removes this replica's own claim
            Exchange eagerFailed = toA.send("direct:claim-first", e -> failing(e, "chat-2"));
            assertThat(eagerFailed.getException()).isNotNull();
            assertThat(a.contains("chat-2")).isFalse();
            toA.send("direct:claim-first", e -> e.setProperty("interactionId", "chat-2"));
            assertThat(a.contains("chat-2")).isTrue();
        }
    }

    private static void failing(Exchange exchange, String interactionId) {
        exchange.setProperty("interactionId", interactionId);
        exchange.getMessage().setHeader("fail", true);
    }

    /** The handoff route's idempotentConsumer, as in routes/handoff.camel.yaml, around a transfer that may fail. */
    private static CamelContext handoffRoute(PostgresHandoffRecord repository) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:handoff")
                        .idempotentConsumer(exchangeProperty("interactionId"), repository)
                        .eager(false).removeOnFailure(true).skipDuplicate(false)
                        .filter(header("fail").isEqualTo(true))
                            .throwException(new IllegalStateException("transfer failed"))
                        .end()
                        .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isNotEqualTo(true))
                            .to("mock:transferred");
                from("direct:claim-first")
                        .idempotentConsumer(exchangeProperty("interactionId"), repository)
                        .eager(true).removeOnFailure(true)
                        .filter(header("fail").isEqualTo(true))
                            .throwException(new IllegalStateException("transfer failed"));
            }
        });
        context.start();
        return context;
    }

    @Test
    void deadLettersAreListedByEveryReplicaAndReplayedOnce() throws Exception {
        String url = POSTGRES.database();
        SharedDatabase dbA = database(url);
        SharedDatabase dbB = database(url);
        try (CamelContext replicaA = replayTarget(); CamelContext replicaB = replayTarget()) {
            PostgresDeadLetterStore a = deadLetters(dbA, "replica-a", replicaA);
            PostgresDeadLetterStore b = deadLetters(dbB, "replica-b", replicaB);

            Exchange failed = replicaA.getEndpoint("direct:queue-event").createExchange();
            failed.setProperty("interactionId", "chat-7");
            failed.setProperty("originalEvent", Map.of("id", "chat-7", "type", "webchat", "score", 0.1));
            failed.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("CXone said 500", new java.io.IOException("reset")));
            failed.setProperty(Exchange.FAILURE_ROUTE_ID, "handoff");
            String name = a.store(failed);

            assertThat(name).startsWith(PostgresDeadLetterStore.idOf(name) + "-chat-7");
            assertThat(b.list()).containsExactly(name);
            assertThat(b.count()).isEqualTo(1);
            Map<String, Object> letter = b.read(name).orElseThrow();
            assertThat(letter).containsEntry("interactionId", "chat-7").containsEntry("failedRoute", "handoff");
            // as in the file store: the failure's type, never a message that may quote what CXone answered
            assertThat(letter.get("error")).asString().startsWith("java.lang.IllegalStateException").doesNotContain("CXone said");
            assertThat(letter.get("rootCause")).asString().contains("IOException");
            assertThat(letter.get("event")).isEqualTo(Map.of("id", "chat-7", "type", "webchat", "score", 0.1));

            // both replicas asked to replay everything at once: the event is queued once
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> byA = two.submit(a::replayAll);
                Future<Integer> byB = two.submit(b::replayAll);
                assertThat(byA.get(30, TimeUnit.SECONDS) + byB.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                two.shutdownNow();
            }
            int queued = replicaA.getEndpoint("mock:queued", MockEndpoint.class).getReceivedCounter()
                         + replicaB.getEndpoint("mock:queued", MockEndpoint.class).getReceivedCounter();
            assertThat(queued).isEqualTo(1);
            assertThat(a.list()).isEmpty();
            assertThat(a.count()).isZero();
            assertThat(a.replay(name)).isFalse();
            assertThat(a.read(name)).isPresent();
            // a replay asked of a follower: recorded once, no longer listed, replayed once by the leader
            Exchange second = replicaA.getEndpoint("direct:queue-event").createExchange();
            second.setProperty("interactionId", "chat-8");
            second.setProperty("originalEvent", Map.of("id", "chat-8", "type", "webchat"));
            String asked = a.store(second);
            assertThat(b.requestReplay(asked)).isTrue();
            assertThat(a.requestReplay(asked)).as("asked again, by the other").isFalse();
            assertThat(a.list()).isEmpty();
            assertThat(a.requested()).containsExactly(asked);
            assertThat(a.replay(asked)).isTrue();
            assertThat(b.requested()).isEmpty();
            assertThat(replicaA.getEndpoint("mock:queued", MockEndpoint.class).getReceivedCounter()
                       + replicaB.getEndpoint("mock:queued", MockEndpoint.class).getReceivedCounter()).isEqualTo(2);
            // an interaction id from CXone never makes a name on its own
            assertThat(PostgresDeadLetterStore.name(12, "../../etc/passwd x\n" + "y".repeat(500)))
                    .matches("12-[A-Za-z0-9_-]{1,64}");
            // untrusted names from JMX: nothing found, nothing thrown
            assertThat(a.replay("../../etc/passwd")).isFalse();
            assertThat(a.read("1; DROP TABLE dead_letter")).isEmpty();
        }
    }

    private PostgresDeadLetterStore deadLetters(SharedDatabase db, String member, CamelContext context) {
        PostgresDeadLetterStore store = new PostgresDeadLetterStore();
        store.setDatabase(db);
        store.setMemberId(member);
        store.setCamelContext(context);
        store.start();
        toClose.add(store::stop);
        return store;
    }

    private static CamelContext replayTarget() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:queue-event").to("mock:queued");
            }
        });
        context.start();
        return context;
    }
}
