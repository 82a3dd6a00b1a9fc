package io.cxonehandoff.reliability;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One test per failure promise, each asserting the outcome on the simulator's record (dfo: {@code DfoFaultToleranceTest}). */
class FaultToleranceTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF, "cxone.retry.max-redeliveries", "3", "handoff.parallelism", "64");
    }

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Test
    void rateLimitedCallsWaitAtLeastRetryAfterAndAllChatsAreTransferredOnce() {
        awaitSubscribed();
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> "limited-" + i).toList();
        makeWatched(ids.toArray(String[]::new));
        simulator().setRateLimitPerSecond(4); // burst of 1, Retry-After: 1; our pace allows 49/s
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(3).create());

        ids.forEach(simulator()::emitEvent);

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
        simulator().setRateLimitPerSecond(0);
        List<RecordedRequest> requests = simulator().requests();
        long rateLimited = requests.stream().filter(r -> r.status() == 429).count();
        assertThat(rateLimited).as("the tenant limit was hit").isPositive();
        // after each 429, that call's retry came no sooner than Retry-After (1 s)
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest limited = requests.get(i);
            if (limited.status() != 429) {
                continue;
            }
            requests.stream().skip(i + 1)
                    .filter(r -> r.operation() == limited.operation() && java.util.Objects.equals(r.interactionId(), limited.interactionId())
                                 && r.query() == null == (limited.query() == null))
                    .findFirst()
                    .ifPresent(retry -> assertThat(Duration.between(limited.at(), retry.at()))
                            .as("retry of %s %s", limited.operation(), limited.interactionId())
                            .isGreaterThanOrEqualTo(Duration.ofMillis(950)));
        }
    }

    @Test
    void handoffsHeldByATenantPauseGoOnConcurrentlyWhenItEnds() {
        awaitSubscribed();
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> "paused-" + i).toList();
        makeWatched(ids.toArray(String[]::new));
        makeWatched("pause-trigger");
        simulator().chat("pause-trigger").confidence(0.1).messages(3).create();
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(3).create());
        simulator().failNext(Operation.GET_INTERACTION, 1, 429); // Retry-After: 1, every call pauses
        simulator().emitEvent("pause-trigger");
        await().atMost(PATIENCE).until(() -> simulator().count(Operation.GET_INTERACTION, 429) == 1);
        simulator().setLatencyMillis(1500);
        try {
            ids.forEach(simulator()::emitEvent); // these meet the pause

            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
        } finally {
            simulator().setLatencyMillis(0);
        }
        // the held calls go on on the handoff threads: an asynchronous delay would have moved every handoff
        // it held onto Camel's scheduler pool (10 threads), at most 10 calls at a time
        List<RecordedRequest> answered = simulator().requests().stream()
                .filter(r -> ids.contains(r.interactionId()) && r.status() / 100 == 2).toList();
        assertThat(mostInFlight(answered)).as("calls in flight at once after the pause").isGreaterThan(15);
        // the one whose call met the 429 goes on too (it may finish after the others)
        await().atMost(PATIENCE).until(() -> simulator().transfersFor("pause-trigger").size() == 1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheTransferSucceeds() {
        String id = "flaky-transfer";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(42).create();
        awaitSubscribed();
        simulator().failNext(Operation.TRANSFER, 3, 503);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(failures(Operation.TRANSFER, id, 503)).isEqualTo(3);
        assertThat(handedOffMessages(id)).isEqualTo(42);
        assertThat(context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class).count()).isZero();
    }

    @Test
    void aHandoffThatFailsForGoodIsDeadLetteredAndReplayedOnce() throws Exception {
        String id = "down-for-long";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(5).create();
        awaitSubscribed();
        simulator().failNext(Operation.TRANSFER, 4, 503); // 1 attempt + 3 retries

        simulator().emitEvent(id);

        SharedDeadLetters deadLetters = context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
        await().atMost(PATIENCE).until(() -> deadLetters.count() == 1);
        String letter = Files.readString(dataDir().resolve("dead-letters").resolve(deadLetters.list().get(0)));
        assertThat(letter).contains("\"interactionId\" : \"" + id + "\"", "HttpOperationFailedException", "503",
                "\"state\" : \"" + withBotState() + "\"");
        assertThat(simulator().transfersFor(id)).isEmpty();
        assertThat(counter("cxone.handoff.deadletters")).isEqualTo(1);

        // the operator replays it over JMX, as Hawtio would
        Object replayed = context.getManagementStrategy().getManagementAgent().getMBeanServer().invoke(
                deadLetterMBean(), "replayAll", new Object[0], new String[0]);
        assertThat(replayed).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(deadLetters.count()).isZero();
        assertThat(handedOffMessages(id)).isEqualTo(5);
    }

    @Test
    void aReplayThatFailsAgainGoesBackToTheStoreOnceNotInALoop() throws Exception {
        String id = "still-down";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        simulator().failNext(Operation.TRANSFER, 8, 503);
        simulator().emitEvent(id);
        SharedDeadLetters deadLetters = context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
        await().atMost(PATIENCE).until(() -> deadLetters.count() == 1);

        NotifyBuilder replayDone = decisionsOf(1, id);
        template.sendBody("direct:replay-dead-letters", null);

        assertThat(replayDone.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(PATIENCE).until(() -> deadLetters.count() == 1);
        assertThat(failures(Operation.TRANSFER, id, 503)).isEqualTo(8);
        assertThat(Files.readString(dataDir().resolve("dead-letters").resolve(deadLetters.list().get(0))))
                .contains("\"replayOf\" : \"" + id);
    }

    @Test
    void forbiddenIsNotRetriedAndIsDeadLettered() {
        String id = "no-scope";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        simulator().failNext(Operation.PATCH_CONTEXT, 1, 403);

        simulator().emitEvent(id);

        SharedDeadLetters deadLetters = context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
        await().atMost(PATIENCE).until(() -> deadLetters.count() == 1);
        assertThat(failures(Operation.PATCH_CONTEXT, id, 403)).isEqualTo(1);
        assertThat(simulator().transfersFor(id)).isEmpty();
        assertThat(counter("cxone.api.forbidden", "operation", "patch-context")).isEqualTo(1);
    }

    @Test
    void shortLivedTokensAreRenewedDuringALongRun() {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "ttl-" + i).toList();
        makeWatched(ids.toArray(String[]::new));
        simulator().setTokenTtlSeconds(2);
        simulator().revokeAllTokens(); // the current token had an hour
        awaitSubscribed();
        int tokensBefore = simulator().tokenRequests();
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(150).create());

        for (String id : ids) {
            simulator().emitEvent(id);
            await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        }

        simulator().setTokenTtlSeconds(3600);
        assertThat(simulator().tokenRequests() - tokensBefore).as("tokens renewed during the run").isGreaterThan(1);
        assertThat(ids).allSatisfy(id -> assertThat(simulator().transfersFor(id)).hasSize(1));
    }

    @Test
    void badRestAnswersAndOddChatsAreHandledOneByOne() {
        awaitSubscribed();
        makeWatched("garbled", "bare", "long-chat", "stuck-cursor", "after-all-that");
        simulator().chat("garbled").confidence(0.1).create();
        simulator().chat("bare").withoutAttributes().create();
        simulator().chat("long-chat").confidence(0.1).messages(5_000).create();
        simulator().chat("stuck-cursor").confidence(0.1).messages(450).repeatingCursor().create();
        simulator().chat("after-all-that").confidence(0.1).messages(1).create();
        // the garbled answer goes to the first chat alone: with parallel handoffs, whichever GET came
        // first would get it
        simulator().garbleNext(Operation.GET_INTERACTION, 1);
        NotifyBuilder garbledDecided = decisionsOf(1, "garbled");
        simulator().emitEvent("garbled");
        assertThat(garbledDecided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        List.of("bare", "long-chat", "stuck-cursor", "after-all-that").forEach(simulator()::emitEvent);

        // the 5,000-message chat finishes last, long after "bare" was read and left with the bot
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("long-chat", "stuck-cursor", "after-all-that")
                .stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
        assertThat(counter("cxone.handoff.failed", "reason", "unexpected_answer")).isEqualTo(1);
        assertThat(simulator().transfersFor("garbled")).isEmpty();
        assertThat(simulator().transfersFor("bare")).isEmpty();
        assertThat(handedOffMessages("long-chat")).isEqualTo(5_000);
        // the stuck cursor: first page, then the second page once, then paging stops
        assertThat(handedOffMessages("stuck-cursor")).isEqualTo(200);
        assertThat(counter("cxone.handoff.history.truncated", "reason", "repeating-cursor")).isEqualTo(1);
    }

    private long failures(Operation operation, String id, int status) {
        return simulator().requests().stream()
                .filter(r -> r.operation() == operation && id.equals(r.interactionId()) && r.status() == status).count();
    }

    private javax.management.ObjectName deadLetterMBean() throws Exception {
        var names = context.getManagementStrategy().getManagementAgent().getMBeanServer()
                .queryNames(new javax.management.ObjectName("org.apache.camel:*"), null);
        return names.stream().filter(n -> n.toString().contains("name=SharedDeadLetters")).findFirst()
                .orElseThrow(() -> new AssertionError("no SharedDeadLetters MBean among " + names));
    }

}
