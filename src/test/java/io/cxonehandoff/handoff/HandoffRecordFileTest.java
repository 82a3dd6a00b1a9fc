package io.cxonehandoff.handoff;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes sharing one handoffs-done.txt (file cluster mode), as two repositories on one file: the one that
 * takes over sees what the other recorded after it started, and never erases another's record.
 */
class HandoffRecordFileTest {

    @TempDir
    Path dir;

    private HandoffRecordFile oldLeader;
    private HandoffRecordFile newLeader;

    private HandoffRecordFile record() throws Exception {
        HandoffRecordFile record = new HandoffRecordFile();
        record.setPath(dir.resolve("handoffs-done.txt").toString());
        record.setCacheSize(1000);
        record.start();
        return record;
    }

    @AfterEach
    void stop() {
        if (oldLeader != null) {
            oldLeader.stop();
        }
        if (newLeader != null) {
            newLeader.stop();
        }
    }

    @Test
    void aReplicaThatTakesOverSeesWhatTheOldLeaderRecordedAfterItStarted() throws Exception {
        oldLeader = record();
        assertThat(oldLeader.add("chat-1")).isTrue();
        newLeader = record();
        // recorded by the old leader while the other was a follower
        assertThat(oldLeader.add("chat-2")).isTrue();

        assertThat(newLeader.contains("chat-2")).as("reloaded: the file grew under it").isTrue();
        assertThat(newLeader.add("chat-2")).isFalse();
        assertThat(newLeader.add("chat-3")).isTrue();
        assertThat(oldLeader.contains("chat-3")).isTrue();
        assertThat(Files.readAllLines(dir.resolve("handoffs-done.txt"))).containsExactly("chat-1", "chat-2", "chat-3");
    }

    @Test
    void aFailedHandoffRemovesOnlyWhatThisProcessRecorded() throws Exception {
        oldLeader = record();
        newLeader = record();
        assertThat(oldLeader.add("chat-1")).isTrue();

        // the idempotent consumer removes a failed handoff's key: this process never recorded chat-1
        assertThat(newLeader.remove("chat-1")).isFalse();
        assertThat(oldLeader.contains("chat-1")).isTrue();
        assertThat(Files.readAllLines(dir.resolve("handoffs-done.txt"))).containsExactly("chat-1");

        // its own record it does remove
        assertThat(newLeader.add("chat-2")).isTrue();
        assertThat(newLeader.remove("chat-2")).isTrue();
        assertThat(Files.readAllLines(dir.resolve("handoffs-done.txt"))).containsExactly("chat-1");
    }
}
