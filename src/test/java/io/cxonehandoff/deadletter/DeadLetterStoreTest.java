package io.cxonehandoff.deadletter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.support.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Dead letters for any interaction id, never through a link, never lost without a word. */
class DeadLetterStoreTest {

    @TempDir
    Path temp;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeadLetterStore store = new DeadLetterStore();
    private CamelContext camel;
    private Path folder;
    private Path outside;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("meters", MeterRegistry.class, meters);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:queue-event").to("mock:replayed");
            }
        });
        camel.start();
        folder = temp.resolve("dead-letters");
        outside = Files.writeString(temp.resolve("secret.json"), "{\"event\":\"not a dead letter\"}");
        store.setDirectory(folder.toString());
        store.setCamelContext(camel);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void anyInteractionIdGivesAShortSafeDistinctNameAndIsKeptWholeInside() throws Exception {
        String longId = "chat-" + "x".repeat(300);
        String sameStart = "chat-" + "x".repeat(299) + "y";
        List<String> ids = List.of(longId, sameStart, "../../etc/passwd", "..", "a/b\\c:d*e?f\"g<h>i|j", "\u00e9t\u00e9-\ud83d\ude00", "");

        for (String id : ids) {
            store.store(failed(id));
        }

        assertThat(store.list()).hasSize(ids.size());
        try (var files = Files.list(folder)) {
            assertThat(files).allSatisfy(file -> {
                assertThat(file.getParent()).isEqualTo(folder);
                assertThat(file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(160);
                assertThat(file.getFileName().toString()).matches("[A-Za-z0-9_][A-Za-z0-9_-]*-[0-9a-f]{16}-[0-9]+-[A-Za-z0-9]+\\.json");
            });
        }
        assertThat(letters()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void anEventTheDecisionNeverKeptIsStoredFromTheBody() throws Exception {
        Exchange exchange = failed("early");
        exchange.removeProperty(DeadLetterStore.ORIGINAL_EVENT);
        exchange.getMessage().setBody(Map.of("id", "early", "state", "bot_active"));

        String name = store.store(exchange);

        assertThat(Files.readString(folder.resolve(name))).contains("\"state\" : \"bot_active\"");
    }

    @Test
    void aWrappedErrorIsStoredWithWhatLiesBeneath() throws Exception {
        Exchange exchange = failed("wrapped");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new org.apache.camel.CamelExecutionException("wrapped", exchange, new OutOfMemoryError("Java heap space")));

        String name = store.store(exchange);

        assertThat(Files.readString(folder.resolve(name)))
                // a message that may quote upstream content is left out (FailureDescription); the type stays
                .contains("\"error\" : \"org.apache.camel.CamelExecutionException\"")
                .contains("\"rootCause\" : \"java.lang.OutOfMemoryError: Java heap space\"");
    }

    @Test
    void linksAndFoldersInTheFolderAreNeitherListedNorReplayed() throws Exception {
        store.store(failed("real"));
        Files.createSymbolicLink(folder.resolve("link-0000000000000000-1-x.json"), outside);
        Files.createDirectories(folder.resolve("folder-0000000000000000-1-x.json"));

        assertThat(store.list()).hasSize(1).allSatisfy(name -> assertThat(name).startsWith("real-"));
        assertThat(store.replay("link-0000000000000000-1-x.json")).isFalse();
        assertThat(store.replay("folder-0000000000000000-1-x.json")).isFalse();
        assertThat(Files.readString(outside)).contains("not a dead letter");
        assertThat(camel.getEndpoint("mock:replayed", MockEndpoint.class).getReceivedCounter()).isZero();
    }

    @Test
    void namesThatLeaveTheFolderAreRefused() throws Exception {
        Files.createDirectories(folder);
        Files.writeString(temp.resolve("escape.json"), "{\"event\":\"outside\"}");

        assertThat(store.replay("../escape.json")).isFalse();
        assertThat(store.replay("..")).isFalse();
        assertThat(store.replay(folder.getParent().resolve("escape.json").toString())).isFalse();
        assertThat(Files.exists(temp.resolve("escape.json"))).isTrue();
    }

    @Test
    void aReplayedFolderThatIsALinkIsRefusedAndTheLetterStays() throws Exception {
        String name = store.store(failed("linked-replayed"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(folder.resolve("replayed"), elsewhere);

        assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.replay(name)).withMessageContaining("symbolic link");

        assertThat(store.list()).containsExactly(name);
        try (var moved = Files.list(elsewhere)) {
            assertThat(moved).isEmpty();
        }
    }

    @Test
    void aLetterReplaysOnceAndMovesToReplayed() throws Exception {
        String name = store.store(failed("replay-me"));
        MockEndpoint replayed = camel.getEndpoint("mock:replayed", MockEndpoint.class);
        replayed.expectedBodiesReceived(Map.of("id", "replay-me", "state", "bot_active"));

        assertThat(store.replayAll()).isEqualTo(1);

        replayed.assertIsSatisfied(5, TimeUnit.SECONDS);
        assertThat(store.count()).isZero();
        assertThat(Files.isRegularFile(folder.resolve("replayed").resolve(name))).isTrue();
    }

    @Test
    void aReplayAskedOfAFollowerWaitsInRequestedUntilTheLeaderReplaysItOnce() throws Exception {
        String name = store.store(failed("asked-elsewhere"));
        MockEndpoint replayed = camel.getEndpoint("mock:replayed", MockEndpoint.class);

        assertThat(store.requestReplay(name)).isTrue();
        assertThat(store.requestReplay(name)).as("asked twice").isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(store.requested()).containsExactly(name);
        assertThat(replayed.getReceivedCounter()).isZero();

        // the leader (sharing the folder on one host) carries it out
        DeadLetterStore leader = new DeadLetterStore();
        leader.setDirectory(folder.toString());
        leader.setCamelContext(camel);
        assertThat(leader.replay(name)).isTrue();
        assertThat(leader.replay(name)).isFalse();
        assertThat(leader.requested()).isEmpty();
        assertThat(replayed.getReceivedCounter()).isEqualTo(1);
        assertThat(Files.isRegularFile(folder.resolve("replayed").resolve(name))).isTrue();
    }

    @Test
    void twoProcessesReplayingOneLetterAtOnceQueueItOnce() throws Exception {
        String name = store.store(failed("raced"));
        DeadLetterStore other = new DeadLetterStore();
        other.setDirectory(folder.toString());
        other.setCamelContext(camel);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = two.submit(() -> store.replay(name));
            var second = two.submit(() -> other.replay(name));
            assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS))).containsOnlyOnce(true);
        } finally {
            two.shutdownNow();
        }
        assertThat(camel.getEndpoint("mock:replayed", MockEndpoint.class).getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aLetterThatCannotBeWrittenIsAnErrorACountAndAnException() throws Exception {
        Files.writeString(folder, "a file where the folder should be");

        try (CapturedLog log = new CapturedLog()) {
            assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.store(failed("unwritable")));

            assertThat(log.containing("could not be stored")).hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("ERROR", "interaction unwritable"));
        }
        assertThat(meters.get(DeadLetterStore.STORE_FAILED_METER).counter().count()).isEqualTo(1);
    }

    private List<Object> letters() throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(file -> {
                try {
                    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Map.class).get("interactionId");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private Exchange failed(String interactionId) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("interactionId", interactionId);
        exchange.setProperty(DeadLetterStore.ORIGINAL_EVENT, Map.of("id", interactionId, "state", "bot_active"));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("transfer failed"));
        return exchange;
    }
}
