package io.cxonehandoff.packaged;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.cxonehandoff.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged replicas with CXONE_HANDOFF_CLUSTER=postgresql and the shared store in a real PostgreSQL (the
 * embedded one of the tests, on 127.0.0.1): the scenarios of {@link FailoverScenarios}, and a leader paused
 * past its session timeout, which loses the lock while alive and stops consuming when it wakes up.
 */
class PostgresFailoverIT extends FailoverScenarios {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private String jdbcUrl;

    @BeforeEach
    void database() {
        jdbcUrl = POSTGRES.database();
    }

    @Override
    Map<String, String> clusterEnvironment() {
        return Map.of("CXONE_HANDOFF_CLUSTER", "postgresql", "CXONE_HANDOFF_JDBC_URL", jdbcUrl,
                "CXONE_HANDOFF_JDBC_USER", PostgresExtension.USER);
    }

    @Override
    List<String> recorded() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresExtension.USER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT interaction_id FROM handoff_done ORDER BY key")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    @Override
    String mode() {
        return "postgresql";
    }

    @Override
    String leadershipLine() {
        return "Leadership of cxone-handoff taken by";
    }

    @Test
    void aLeaderPausedPastItsSessionTimeoutLosesTheLockAndStopsConsuming() throws Exception {
        Replica[] pair = leaderAndFollower();
        Replica leader = pair[0];
        Replica follower = pair[1];

        // SIGSTOP: alive but silent; the server ends its idle session after 5 s, which frees the lock
        Instant pausedAt = Instant.now();
        leader.process().signal("STOP");
        List<String> whilePaused = chats("while-paused", 10);
        LocalTime subscribed = awaitLine(follower, SUBSCRIBED);
        LOG.info("{}: leader paused -> follower leads in {} ms, its stream subscribed in {} ms (session timeout 5 s)", mode(),
                Duration.between(pausedAt, instant(awaitLine(follower, leadershipLine()))).toMillis(),
                Duration.between(pausedAt, instant(subscribed)).toMillis());
        List<String> afterTakeover = chats("after-takeover", 10);
        awaitHandedOffOnce(concat(whilePaused, afterTakeover));

        // awake again: it learns at once that its session is gone, and stops consuming; its writes are refused
        Instant resumedAt = Instant.now();
        leader.process().signal("CONT");
        awaitLine(leader, "Lost the leadership of cxone-handoff");
        awaitLine(leader, STREAM_STOPPED);
        await().atMost(PATIENCE).until(() -> tenant.subscribedSockets() == 1);
        List<String> afterResume = chats("after-resume", 10);
        awaitHandedOffOnce(concat(concat(whilePaused, afterTakeover), afterResume));
        assertThat(lines(leader, "outcome=transferred")).as("the old leader transferred nothing after it woke up")
                .allMatch(at -> instant(at).isBefore(resumedAt));
        // recorded once the transfer has answered: a moment after the simulator saw it
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recorded())
                .containsAll(concat(concat(whilePaused, afterTakeover), afterResume)));
        LOG.info("{}: the woken leader refused {} handoffs (not the leader)", mode(),
                lines(leader, "not the leader, handoff left to the leader").size());
    }

    private List<String> chats(String prefix, int count) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        ids.forEach(id -> {
            tenant.chat(id).confidence(0.1).messages(3).create();
            tenant.emitEvent(id);
        });
        return ids;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
