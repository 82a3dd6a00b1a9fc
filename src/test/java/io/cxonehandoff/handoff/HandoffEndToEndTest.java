package io.cxonehandoff.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.ContextPatch;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.SimulatedChat;
import io.cxonehandoff.simulator.Transfer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole handoff through the real routes and properties, against the simulator. */
class HandoffEndToEndTest extends HandoffTestSupport {

    /** Catch-up would also evaluate every chat still with the bot; it has its own test. */
    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF);
    }

    @ParameterizedTest(name = "{0} messages")
    @ValueSource(ints = {0, 1, 100, 101, 250})
    void lowConfidenceChatIsTransferredOnceWithItsWholeHistory(int messages) {
        String id = "low-" + messages;
        SimulatedChat chat = simulator().chat(id).confidence(0.21).messages(messages).create();
        awaitSubscribed();

        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);

        Transfer transfer = simulator().transfersFor(id).get(0);
        assertThat(transfer.reason()).isEqualTo("low_confidence");
        assertThat(transfer.queueId()).isEqualTo(simulator().queueId());
        assertThat(transfer.preservedHistoryCount()).isEqualTo(messages);
        assertThat(transfer.history()).isEqualTo(condensed(chat.messages()));

        ContextPatch context = contextOf(id);
        assertThat(context.attributes()).containsEntry("handoff_reason", "low_confidence")
                .containsEntry("source", "cxone-handoff");
        assertThat(Instant.parse((String) context.attributes().get("handoff_timestamp")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        // history pages: 100 messages each, at least one call
        assertThat(requests(Operation.GET_MESSAGES, id)).isEqualTo(Math.max(1, (messages + 99) / 100));
    }

    @Test
    void repeatedAndLaterEventsOfOneChatDoNotTransferItAgain() {
        String id = "repeated";
        simulator().chat(id).confidence(0.1).messages(5).create();
        awaitSubscribed();
        simulator().emitEvent(id);
        simulator().emitEvent(id);
        simulator().emitEvent(id, "awaiting_response");
        simulator().emitEvent(id);

        // each event decided, joined with a waiting one of the chat, or answered by the handoff
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        await().atMost(PATIENCE).until(this::lanesIdle);
        assertThat(simulator().transfersFor(id)).hasSize(1);
        assertThat(simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id))).hasSize(1);
        assertThat(requests(Operation.TRANSFER, id)).isEqualTo(1);
    }

    @Test
    void highConfidenceChatIsNotTransferred() {
        String id = "confident";
        simulator().chat(id).confidence(0.9).messages(3).create();
        assertNoHandoffAfterEvaluation(id);
    }

    @Test
    void confidenceExactlyAtTheThresholdIsNotLow() {
        String id = "at-threshold";
        simulator().chat(id).confidence(0.35).create();
        assertNoHandoffAfterEvaluation(id);
    }

    @Test
    void absentScoreIsNotLowConfidence() {
        String id = "no-score";
        simulator().chat(id).confidenceAbsent().create();
        assertNoHandoffAfterEvaluation(id);
    }

    @Test
    void nullScoreIsNotLowConfidence() {
        String id = "null-score";
        simulator().chat(id).confidence(null).create();
        assertNoHandoffAfterEvaluation(id);
    }

    @Test
    void customerRequestCarriesReasonCustomerRequest() {
        String id = "asked-for-agent";
        simulator().chat(id).confidence(0.95).userRequestedTransfer(true).messages(7).create();
        awaitSubscribed();

        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);

        assertThat(simulator().transfersFor(id).get(0).reason()).isEqualTo("customer_request");
        assertThat(contextOf(id).attributes()).containsEntry("handoff_reason", "customer_request");
    }

    @Test
    void conflictMeansAlreadyTransferredAndEndsTheHandoffCleanly() {
        String id = "already-moved";
        simulator().chat(id).confidence(0.1).create();
        simulator().markTransferred(id);
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();

        simulator().emitEvent(id);

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().count(Operation.TRANSFER, 409)).isEqualTo(1);
        assertThat(simulator().transfersFor(id)).isEmpty();
        assertThat(counter("cxone.handoff.completed", "outcome", "already_transferred")).isEqualTo(1);
        assertThat(counter("cxone.handoff.failed")).isZero();
    }

    @Test
    void voiceEventsAndOtherStatesAreIgnored() {
        simulator().chat("a-call").type("voice").confidence(0.1).create();
        simulator().chat("with-agent").state("agent_active").confidence(0.1).create();
        simulator().chat("queued-chat").state("queued").confidence(0.1).create();
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(3).create();

        simulator().emitEvent("a-call");
        simulator().emitEvent("with-agent");
        simulator().emitEvent("queued-chat");

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (String id : List.of("a-call", "with-agent", "queued-chat")) {
            assertThat(requests(Operation.GET_INTERACTION, id)).as(id).isZero();
            assertThat(simulator().transfersFor(id)).as(id).isEmpty();
        }
    }

    @Test
    void staleEventOfAChatNoLongerWithTheBotIsNotHandedOff() {
        String id = "stale";
        simulator().chat(id).state("agent_active").confidence(0.1).create();
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();

        simulator().emitEvent(id, "bot_active");

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(requests(Operation.GET_INTERACTION, id)).isEqualTo(1);
        assertThat(simulator().transfersFor(id)).isEmpty();
    }

    @Test
    void malformedFramesAreCountedAndTheStreamGoesOn() {
        String id = "after-garbage";
        simulator().chat(id).confidence(0.2).messages(2).create();
        awaitSubscribed();

        simulator().emitRaw("this is not JSON {");
        simulator().emitRaw("[1, 2, 3]");
        simulator().emitRaw("{\"type\":\"webchat\",\"state\":\"bot_active\"}");
        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(counter("cxone.events.rejected", "reason", "malformed")).isEqualTo(2);
        assertThat(counter("cxone.events.rejected", "reason", "missing_id")).isEqualTo(1);
    }

    @Test
    void unknownInteractionIsSkippedAndCounted() {
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();

        simulator().emitRaw("{\"type\":\"webchat\",\"id\":\"ghost\",\"state\":\"bot_active\"}");

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().count(Operation.GET_INTERACTION, 404)).isEqualTo(1);
        assertThat(counter("cxone.handoff.skipped", "reason", "not_found")).isEqualTo(1);
    }

    @Test
    void noInternalHeaderLeaksToCxone() {
        String id = "headers";
        simulator().chat(id).confidence(0.1).messages(1).create();
        awaitSubscribed();

        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);

        simulator().requests().stream().filter(r -> id.equals(r.interactionId())).forEach(r -> assertThat(r.headerNames())
                .as(r.operation().name())
                .noneMatch(h -> h.startsWith("camel") || h.equals("interactionid") || h.equals("cxonestreamevent")));
    }

    private void assertNoHandoffAfterEvaluation(String id) {
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();
        simulator().emitEvent(id);
        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(requests(Operation.GET_INTERACTION, id)).isEqualTo(1);
        assertThat(simulator().transfersFor(id)).isEmpty();
        assertThat(simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id))).isEmpty();
    }

    private long requests(Operation operation, String id) {
        return simulator().requests().stream()
                .filter(r -> r.operation() == operation && id.equals(r.interactionId()) && r.status() < 300).count();
    }

    private ContextPatch contextOf(String id) {
        return simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id)).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> condensed(List<Map<String, Object>> messages) {
        return messages.stream()
                .map(m -> Map.<String, Object>of("type", m.get("type"), "author", m.get("author"),
                        "content", m.get("content"), "timestamp", m.get("timestamp")))
                .toList();
    }
}
