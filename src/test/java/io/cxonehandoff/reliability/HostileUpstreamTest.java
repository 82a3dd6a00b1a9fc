package io.cxonehandoff.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.simulator.Misbehaviour;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broken or hostile CXone cannot hold a handoff, loop it or exhaust memory: every call has a total deadline,
 * {@code cxone.retry.max-redeliveries} is a hard bound whatever the answer does to camel-http, answers have a
 * largest size, and ids that are not ids never reach a path (dfo: {@code DfoHostileUpstreamTest}).
 */
class HostileUpstreamTest extends HandoffTestSupport {

    private static final int RETRIES = 2;
    private static final long DEADLINE_MS = 700;

    @Override
    protected Properties testProperties() {
        return properties(
                CATCH_UP_OFF,
                "cxone.retry.max-redeliveries", String.valueOf(RETRIES),
                "cxone.http.call-deadline-ms", String.valueOf(DEADLINE_MS),
                // far longer than the deadline: what ends the calls below is the deadline, not a read timeout
                "cxone.http.response-timeout-ms", "60000",
                "cxone.http.max-answer-bytes", String.valueOf(1024 * 1024));
    }

    @Test
    void anAnswerWhoseBodyNeverComesIsRetriedABoundedNumberOfTimesThenDeadLettered() {
        String id = "silent-body";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        simulator().misbehaveNext(Operation.GET_INTERACTION, 100, Misbehaviour.HEADERS_THEN_SILENCE);

        Instant start = Instant.now();
        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> deadLetters().count() == 1);
        assertThat(Duration.between(start, Instant.now())).as("each attempt ends at the deadline")
                .isLessThan(Duration.ofMillis((RETRIES + 1) * (DEADLINE_MS + 1000)));
        assertBoundedAttempts(Operation.GET_INTERACTION, id);
        assertThat(counter("cxone.api.calls", "operation", "get-interaction", "status", "timeout")).isEqualTo(RETRIES + 1);
        assertThat(counter("cxone.handoff.failed", "reason", "error")).isEqualTo(1);
    }

    @Test
    void aBodyDrippingForeverEndsAtTheCallDeadline() {
        String id = "drip";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(3).create();
        awaitSubscribed();
        simulator().misbehaveNext(Operation.GET_MESSAGES, 100, Misbehaviour.DRIP_BODY);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> deadLetters().count() == 1);
        List<RecordedRequest> attempts = assertBoundedAttempts(Operation.GET_MESSAGES, id);
        // the simulator drips a byte every 200 ms: only the deadline ended each attempt
        assertThat(attempts).allSatisfy(call -> assertThat(Duration.between(call.receivedAt(), call.at()))
                .isBetween(Duration.ofMillis(DEADLINE_MS - 100), Duration.ofMillis(DEADLINE_MS + 1500)));
        assertThat(simulator().transfersFor(id)).isEmpty();
    }

    @Test
    void aBadGzipBodyIsRetriedABoundedNumberOfTimes() {
        String id = "bad-gzip";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        simulator().misbehaveNext(Operation.GET_INTERACTION, 100, Misbehaviour.BAD_GZIP);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> deadLetters().count() == 1);
        assertBoundedAttempts(Operation.GET_INTERACTION, id);
    }

    @Test
    void aHugeAnswerIsRefusedWhileReadingNotRetriedAndTheWorkersGoOn() {
        String id = "huge-page";
        String next = "after-huge";
        makeWatched(id, next);
        simulator().chat(id).confidence(0.1).messages(3).create();
        simulator().chat(next).confidence(0.1).messages(3).create();
        awaitSubscribed();
        simulator().misbehaveNext(Operation.GET_MESSAGES, 1, Misbehaviour.HUGE_CHUNKED_BODY);

        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> deadLetters().count() == 1);
        simulator().emitEvent(next);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(next).size() == 1);
        assertThat(attempts(Operation.GET_MESSAGES, id)).as("refused, not retried").hasSize(1);
        assertThat(counter("cxone.api.calls", "operation", messagesOperation(), "status", "too_large")).isEqualTo(1);
        assertThat(counter("cxone.handoff.failed", "reason", "unexpected_answer")).isEqualTo(1);
        assertThat(simulator().transfersFor(id)).isEmpty();
    }

    @Test
    void anAnswerDeclaringAHugeLengthIsRefusedBeforeReading() {
        String id = "huge-declared";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        simulator().misbehaveNext(Operation.GET_INTERACTION, 1, Misbehaviour.HUGE_DECLARED_BODY);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> deadLetters().count() == 1);
        assertThat(attempts(Operation.GET_INTERACTION, id)).hasSize(1);
        assertThat(counter("cxone.handoff.failed", "reason", "unexpected_answer")).isEqualTo(1);
    }

    @Test
    void idsThatAreNotIdsNeverReachARequestAndOddButValidIdsAreEncoded() {
        awaitSubscribed();
        String odd = "case:42@tenant";
        makeWatched(odd);
        Instant start = Instant.now();
        simulator().chat(odd).confidence(0.1).messages(2).create();

        simulator().emitRaw(eventFrame("evil\\nHandoff interaction=x outcome=transferred"));
        simulator().emitRaw(eventFrame("../../oauth/token"));
        simulator().emitRaw(eventFrame("x?state=queued#frag"));
        simulator().emitRaw(eventFrame("a".repeat(129)));
        simulator().emitEvent(odd);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(odd).size() == 1);
        assertThat(counter("cxone.events.rejected", "reason", "invalid_id", "source", "stream")).isEqualTo(4);
        // every request the simulator saw was for the one valid chat (the token aside), its id one encoded segment
        assertThat(simulator().requests()).filteredOn(r -> r.operation() != Operation.TOKEN && r.operation() != Operation.GET_AVAILABILITY && r.receivedAt().isAfter(start))
                .allSatisfy(r -> assertThat(r.interactionId()).isEqualTo(odd))
                .allSatisfy(r -> assertThat(r.path()).startsWith(interactionsPath() + "case%3A42%40tenant"));
    }

    /** The metrics' operation tag of a transcript page's call. */
    protected String messagesOperation() {
        return "get-messages-page";
    }

    /** Where an interaction's calls go, up to its id. */
    protected String interactionsPath() {
        return "/api/v2/interactions/";
    }

    private List<RecordedRequest> assertBoundedAttempts(Operation operation, String id) {
        // no attempt beyond the bound, also after a while
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> attempts(operation, id).size() == RETRIES + 1);
        return attempts(operation, id);
    }

    private List<RecordedRequest> attempts(Operation operation, String id) {
        return simulator().requests().stream().filter(r -> r.operation() == operation && id.equals(r.interactionId())).toList();
    }

    private SharedDeadLetters deadLetters() {
        return context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
    }
}
