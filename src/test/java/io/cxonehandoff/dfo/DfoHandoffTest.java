package io.cxonehandoff.dfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.CaseEvent;
import io.cxonehandoff.simulator.ContextPatch;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.cxonehandoff.simulator.Transfer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dfo profile end to end against the simulator's DFO mode, through the same routes as the tutorial's
 * ({@code HandoffEndToEndTest}): a bot case whose custom fields call for a handoff gets our four fields and moves to
 * the agents' skill once, with a summary of its whole transcript; nothing else is written; what is no event is
 * counted. The reconciliation runs at (re)connects and when a test asks ({@link #reconcile()}), never on its timer.
 */
@DfoProfile
class DfoHandoffTest extends HandoffTestSupport {

    private static final List<String> OUR_FIELDS = List.of("handoff_reason", "handoff_at", "handoff_source", "handoff_summary");

    @Test
    void aLowConfidenceBotCaseIsFoundSubscribedAndMovedToTheAgentsWithOurFieldsOnce() {
        String id = "2001";
        simulator().chat(id).confidence(0.21).messages(230).create();
        awaitSubscribed();

        reconcile();

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().dfo().isSubscribed(id)).isTrue();
        Transfer transfer = simulator().transfersFor(id).get(0);
        assertThat(transfer.queueId()).isEqualTo(simulator().queueId());
        assertThat(transfer.reason()).isEqualTo("low_confidence");
        assertThat(transfer.body()).isEqualTo(Map.of("skillId", simulator().dfo().agentSkillId()));
        Map<String, String> fields = simulator().dfo().customFields(id);
        assertThat(fields).containsEntry("handoff_reason", "low_confidence").containsEntry("handoff_source", "cxone-handoff")
                .containsKey("handoff_at");
        assertThat(fields.get("handoff_summary")).startsWith("low confidence (rule low-confidence) after 115 bot turns")
                .contains("; messages: customer 115, bot 115, agent 0; last customer message: "
                                                              + "Customer message 228 in 2001");
        // the whole transcript: three pages of 100; the case as the search answered with it, no read of its own
        assertThat(requests(Operation.GET_MESSAGES, id)).isEqualTo(3);
        assertThat(requests(Operation.GET_INTERACTION, id)).isZero();
        assertThat(simulator().dfo().skillOf(id)).isEqualTo(simulator().dfo().agentSkillId());
    }

    @ParameterizedTest(name = "{0} messages")
    @ValueSource(ints = {0, 1, 100, 101, 250})
    void aLowConfidenceCaseIsMovedOnceWithASummaryOfItsWholeTranscript(int messages) {
        String id = "low-" + messages;
        makeWatched(id);
        simulator().chat(id).confidence(0.21).messages(messages).create();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().transfersFor(id).get(0).reason()).isEqualTo("low_confidence");
        assertThat(simulator().dfo().skillOf(id)).isEqualTo(simulator().dfo().agentSkillId());
        ContextPatch context = contextOf(id);
        assertThat(context.attributes().keySet()).as("only our four fields").containsExactlyElementsOf(OUR_FIELDS);
        assertThat(context.attributes()).containsEntry("handoff_reason", "low_confidence")
                .containsEntry("handoff_source", "cxone-handoff");
        assertThat(Instant.parse((String) context.attributes().get("handoff_at")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        String summary = (String) context.attributes().get("handoff_summary");
        assertThat(summary).contains("messages: customer " + (messages + 1) / 2 + ", bot " + messages / 2 + ", agent 0");
        if (messages > 0) {
            int lastCustomer = (messages - 1) / 2 * 2;
            assertThat(summary).endsWith("; last customer message: Customer message " + lastCustomer + " in " + id);
        }
        assertThat(handedOffMessages(id)).isEqualTo(messages);
        // pages of 100, at least one call; the case read once (the event's), the custom fields and the queue once each
        assertThat(requests(Operation.GET_MESSAGES, id)).isEqualTo(Math.max(1, (messages + 99) / 100));
        assertThat(requests(Operation.GET_INTERACTION, id)).isEqualTo(1);
        assertThat(requests(Operation.PATCH_CONTEXT, id)).isEqualTo(1);
        assertThat(requests(Operation.TRANSFER, id)).isEqualTo(1);
    }

    @ParameterizedTest(name = "confidence {0}")
    @ValueSource(doubles = {0.1, 0.95})
    void theCustomersRequestWinsWhateverTheConfidence(double confidence) {
        String id = "asked-" + confidence;
        makeWatched(id);
        simulator().chat(id).confidence(confidence).userRequestedTransfer(true).messages(7).create();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().transfersFor(id).get(0).reason()).isEqualTo("customer_request");
        assertThat(contextOf(id).attributes()).containsEntry("handoff_reason", "customer_request");
    }

    /** The bot's confidence as its custom field holds it: absent, JSON null, or text that is no number below 0.35. */
    @ParameterizedTest(name = "bot_confidence {0}")
    @CsvSource(nullValues = "none", textBlock = """
            absent
            null
            not a number
            ''
            NaN
            -Infinity
            0.35
            0.9
            1e999
            0x1p-3
            0.1f
            '0,2'
            """)
    void aMissingUnparsableOrHighConfidenceNeverTriggers(String value) {
        String id = "confidence-" + Integer.toHexString(String.valueOf(value).hashCode());
        makeWatched(id);
        switch (String.valueOf(value)) {
            case "absent" -> simulator().chat(id).confidenceAbsent().messages(3).create();
            case "null" -> simulator().chat(id).confidence(null).messages(3).create();
            default -> simulator().chat(id).attribute("bot_confidence", value).messages(3).create();
        }
        assertThat(simulator().dfo().customFields(id)).containsEntry("handoff_requested", "false");

        assertNoHandoffAfterItsEvent(id);
    }

    @Test
    void repeatedAndLaterEventsOfOneCaseMoveItOnce() {
        String id = "repeated";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(5).create();
        simulator().emitEvent(id);
        simulator().dfo().caseEvent(id).type(CaseEvent.STATUS_CHANGED).status("pending").emit();
        simulator().emitEvent(id);
        simulator().dfo().caseEvent(id).type(CaseEvent.CASE_CREATED).emit();
        simulator().dfo().caseEvent(id).type(CaseEvent.INBOX_ASSIGNEE_CHANGED).emit();
        reconcile();

        // each event decided, joined with a waiting one of the case, or answered by the handoff
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        awaitReconciled();
        await().atMost(PATIENCE).until(this::lanesIdle);
        assertThat(requests(Operation.PATCH_CONTEXT, id)).isEqualTo(1);
        assertThat(requests(Operation.TRANSFER, id)).isEqualTo(1);
        assertThat(counter("cxone.handoff.completed", "outcome", "transferred")).isEqualTo(1);
    }

    @Test
    void longMessagesAreReadWholeAndAgentsMessagesCountAsTheAgents() {
        String id = "long-messages";
        makeWatched(id);
        // 0, 2, 4, 6: the customer's (6 the last, long); 1, 3: the bot's; 5: an agent's; 2 long too
        simulator().chat(id).confidence(0.1).messages(7).agentMessages(5).longMessages(2, 6).create();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(requests(Operation.GET_MESSAGE, id)).as("each long message read whole").isEqualTo(2);
        String summary = simulator().dfo().customFields(id).get("handoff_summary");
        assertThat(summary).contains("messages: customer 4, bot 2, agent 1; last customer message: Customer message 6 in " + id
                                       + " and more. and more.");
        // far beyond the transcript's preview of the long message, cut to CXone's limit with a marker
        assertThat(summary).hasSize(1024).endsWith(" […]");
    }

    @Test
    void aTenantWithoutTheMessagesCallGivesTheTranscriptInTheCaseDetail() {
        String id = "detail-only";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(150).longMessages(148).create();
        simulator().dfo().setMessagesEndpointMissing(true);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().count(Operation.GET_MESSAGES, 404)).isEqualTo(1);
        assertThat(requests(Operation.GET_DETAIL, id)).isEqualTo(1);
        assertThat(requests(Operation.GET_MESSAGE, id)).isEqualTo(1);
        assertThat(handedOffMessages(id)).isEqualTo(150);
        assertThat(simulator().dfo().customFields(id).get("handoff_summary"))
                .contains("last customer message: Customer message 148 in " + id + " and more.");
    }

    @Test
    void aTranscriptAnsweredAsOneBareArrayIsReadWhole() {
        String id = "bare-array";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(250).create();
        simulator().dfo().setMessagesAsBareArray(true);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(requests(Operation.GET_MESSAGES, id)).isEqualTo(1);
        assertThat(handedOffMessages(id)).isEqualTo(250);
    }

    @Test
    void aCaseAlreadyInTheAgentsSkillIsNotWrittenTo() {
        String id = "already-with-agents";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        simulator().markTransferred(id);
        NotifyBuilder decided = decisionsOf(1, id);

        // the event still shows the bot's skill (stale); the case, read fresh, does not
        simulator().dfo().caseEvent(id).status("open").emit();

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(requests(Operation.GET_INTERACTION, id)).isEqualTo(1);
        assertNothingWrittenTo(id);
        assertThat(counter("cxone.handoff.failed")).isZero();
    }

    @Test
    void casesInOtherSkillsOrNoLongerOpenAreLeftAlone() {
        makeWatched("a-call", "closed-case", "escalated-case");
        simulator().chat("a-call").type("voice").confidence(0.1).create();
        simulator().chat("closed-case").state("completed").confidence(0.1).create();
        simulator().chat("escalated-case").state("escalated").confidence(0.1).create();
        NotifyBuilder decided = decisionsOf(3, "a-call", "closed-case", "escalated-case");

        simulator().emitEvent("a-call");
        simulator().emitEvent("closed-case");
        simulator().emitEvent("escalated-case");

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // the closed and the escalated case are passed over on the event's status, the call read and left
        assertThat(requests(Operation.GET_INTERACTION, "closed-case")).isZero();
        assertThat(requests(Operation.GET_INTERACTION, "escalated-case")).isZero();
        assertThat(requests(Operation.GET_INTERACTION, "a-call")).isEqualTo(1);
        List.of("a-call", "closed-case", "escalated-case").forEach(this::assertNothingWrittenTo);
    }

    @Test
    void theEventOfOurOwnTransferTriggersNothing() {
        String id = "own-transfer";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(2).create();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        // the simulator announces every routing-queue change, with the change's X-Trace-Id
        await().atMost(PATIENCE).until(() -> counter("cxone.events.ignored", "reason", "own_transfer") == 1);
        assertThat(requests(Operation.GET_INTERACTION, id)).as("no read caused by our own change").isEqualTo(1);
    }

    @Test
    void someoneElsesRoutingChangeIsAnEventLikeAnyOther() {
        String id = "moved-by-someone";
        makeWatched(id);
        NotifyBuilder decided = decisionsOf(1, id);

        simulator().dfo().caseEvent(id).type(CaseEvent.ROUTING_QUEUE_CHANGED).traceId("not-ours").emit();

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(counter("cxone.events.ignored")).isZero();
        assertThat(requests(Operation.GET_INTERACTION, id)).isEqualTo(1);
    }

    @Test
    void aLiveEventIsActedOnWithinASecondOrTwoNotAtTheNextPoll() {
        String id = "live";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(20).create();
        long searchesBefore = simulator().count(Operation.LIST_INTERACTIONS, 200);
        Instant emitted = Instant.now();

        simulator().emitEvent(id);

        await().atMost(Duration.ofSeconds(2)).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(Duration.between(emitted, simulator().transfersFor(id).get(0).at())).isLessThan(Duration.ofSeconds(2));
        assertThat(simulator().count(Operation.LIST_INTERACTIONS, 200)).as("no reconciliation in between").isEqualTo(searchesBefore);
    }

    @Test
    void anEventTooLargeForTheSocketIsFetchedFromItsUrlAndHandled() {
        String id = "in-s3";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(3).create();

        simulator().dfo().caseEvent(id).inS3().emit();

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(requests(Operation.S3, id)).isEqualTo(1);
        List<RecordedRequest> fetched = simulator().requests().stream().filter(r -> r.operation() == Operation.S3).toList();
        assertThat(fetched).singleElement().satisfies(r -> assertThat(r.headerNames()).doesNotContain("authorization"));
    }

    @Test
    void anEventInS3ElsewhereThanThePatternAllowsIsNotFetched() {
        awaitSubscribed();
        NotifyBuilder parsed = new NotifyBuilder(context).fromRoute("cxone-event-stream").whenDone(2).create();

        simulator().emitRaw("{\"eventType\":\"EventInS3\",\"data\":{\"s3Object\":{\"url\":\"http://169.254.169.254/latest/meta-data\"}}}");
        simulator().emitRaw("{\"eventType\":\"EventInS3\",\"data\":{}}");

        assertThat(parsed.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(counter("cxone.events.ignored", "reason", "payload_url_refused")).isEqualTo(2);
        assertThat(simulator().requests()).noneMatch(r -> r.operation() == Operation.S3);
    }

    @Test
    void unknownEventTypesAreIgnoredAndCounted() {
        String id = "other-events";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        NotifyBuilder parsed = new NotifyBuilder(context).fromRoute("cxone-event-stream").whenDone(3).create();

        simulator().dfo().caseEvent(id).type("MessageUpdated").emit();
        simulator().dfo().caseEvent(id).type("MessageCreated").emit();
        simulator().dfo().caseEvent(id).type("SomethingNewFromNice").emit();

        assertThat(parsed.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(counter("cxone.events.ignored", "reason", "unhandled_type")).isEqualTo(3);
        assertThat(requests(Operation.GET_INTERACTION, id)).isZero();
        assertThat(simulator().transfersFor(id)).isEmpty();
    }

    @Test
    void malformedFramesAndEventsWithoutACaseAreCountedAndTheStreamGoesOn() {
        String id = "after-garbage";
        makeWatched(id);
        simulator().chat(id).confidence(0.2).messages(2).create();

        simulator().emitRaw("this is not JSON {");
        simulator().emitRaw("[1, 2, 3]");
        simulator().emitRaw("{\"eventType\":\"MessageAddedIntoCase\",\"data\":{\"brand\":{}}}");
        simulator().emitRaw("{\"eventType\":\"CaseCreated\"}");
        simulator().emitRaw("{\"eventType\":\"CaseStatusChanged\",\"data\":{\"case\":\"not an object\"}}");
        simulator().emitRaw("{\"type\":\"webchat\",\"id\":\"tutorial-shaped\",\"state\":\"bot_active\"}");
        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(counter("cxone.events.rejected", "reason", "malformed")).isEqualTo(2);
        assertThat(counter("cxone.events.rejected", "reason", "missing_id")).isEqualTo(3);
        assertThat(counter("cxone.events.ignored", "reason", "unhandled_type")).isEqualTo(1);
    }

    @Test
    void caseIdsThatAreNotIdsNeverReachARequestAndOddButValidOnesAreEncoded() {
        String odd = "case:42@tenant";
        makeWatched(odd);
        simulator().chat(odd).confidence(0.1).messages(2).create();
        Instant start = Instant.now();

        for (String evil : List.of("evil\\nHandoff interaction=x outcome=transferred", "../../auth/token", "x?status=closed#f",
                "a".repeat(129))) {
            simulator().emitRaw(eventFrame(evil));
        }
        simulator().emitEvent(odd);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(odd).size() == 1);
        assertThat(counter("cxone.events.rejected", "reason", "invalid_id", "source", "stream")).isEqualTo(4);
        assertThat(simulator().requests()).filteredOn(r -> r.receivedAt().isAfter(start) && r.operation() != Operation.TOKEN)
                .allSatisfy(r -> assertThat(r.interactionId()).isEqualTo(odd))
                .allSatisfy(r -> assertThat(r.path()).startsWith("/dfo/3.0/contacts/case%3A42%40tenant"));
    }

    @Test
    void anUnknownCaseIsSkippedAndCounted() {
        awaitSubscribed();
        NotifyBuilder decided = decisionsOf(1, "ghost");

        simulator().emitRaw(eventFrame("ghost"));

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().count(Operation.GET_INTERACTION, 404)).isEqualTo(1);
        assertThat(counter("cxone.handoff.skipped", "reason", "not_found")).isEqualTo(1);
    }

    /** Every call goes to an https URI in this profile: the https component keeps the http one's settings. */
    @Test
    void everyRetryIsTheCallPolicysOwnNoneTheHttpClients() {
        String id = "retried";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).create();
        simulator().failNext(Operation.GET_INTERACTION, 2, 503);
        simulator().failNext(Operation.GET_MESSAGES, 1, 429);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(attempts(Operation.GET_INTERACTION, id)).isEqualTo(3);
        assertThat(counter("cxone.api.retries", "operation", "get-interaction")).isEqualTo(2);
        assertThat(attempts(Operation.GET_MESSAGES, id)).isEqualTo(2);
        assertThat(counter("cxone.api.retries", "operation", "get-case-messages")).isEqualTo(1);
    }

    @Test
    void noInternalHeaderLeaksToCxone() {
        String id = "headers";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(1).longMessages(0).create();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(simulator().requests().stream().filter(r -> id.equals(r.interactionId())))
                .extracting(RecordedRequest::operation)
                .contains(Operation.SUBSCRIBE, Operation.GET_INTERACTION, Operation.GET_MESSAGES, Operation.GET_MESSAGE,
                        Operation.PATCH_CONTEXT, Operation.TRANSFER);
        simulator().requests().stream().filter(r -> id.equals(r.interactionId())).forEach(r -> assertThat(r.headerNames())
                .as(r.operation().name())
                .noneMatch(h -> h.startsWith("camel") || h.equals("interactionid") || h.equals("cxonestreamevent")
                                || h.equals("x-trace-id")));
    }

    private void assertNoHandoffAfterItsEvent(String id) {
        NotifyBuilder decided = decisionsOf(1, id);
        simulator().emitEvent(id);
        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(requests(Operation.GET_INTERACTION, id)).isEqualTo(1);
        assertNothingWrittenTo(id);
    }

    private void assertNothingWrittenTo(String id) {
        assertThat(simulator().requests()).as("writes to %s", id)
                .noneMatch(r -> id.equals(r.interactionId()) && (r.operation() == Operation.PATCH_CONTEXT
                                                                || r.operation() == Operation.TRANSFER));
        assertThat(simulator().dfo().customFields(id)).doesNotContainKeys(OUR_FIELDS.toArray(String[]::new));
    }

    private long requests(Operation operation, String id) {
        return simulator().requests().stream()
                .filter(r -> r.operation() == operation && id.equals(r.interactionId()) && r.status() < 300).count();
    }

    private long attempts(Operation operation, String id) {
        return simulator().requests().stream().filter(r -> r.operation() == operation && id.equals(r.interactionId())).count();
    }

    private ContextPatch contextOf(String id) {
        return simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id)).findFirst().orElseThrow();
    }
}
