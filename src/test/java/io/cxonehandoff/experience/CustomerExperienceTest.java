package io.cxonehandoff.experience;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.console.HandoffStatistics;
import io.cxonehandoff.simulator.ContextPatch;
import io.cxonehandoff.simulator.CustomerMessage;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.SimulatedChat;
import io.cxonehandoff.simulator.Transfer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the customer and the agent see around a transfer (issue 15), through the real routes and properties
 * against the simulator: the acknowledgement, the queue check and its fallbacks, the assignment, the transcript.
 */
class CustomerExperienceTest extends HandoffTestSupport {

    /** Catch-up off (each test sends its own events); availability never cached, so a test can reopen a queue. */
    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF, "handoff.availability.cache-seconds", "0");
    }

    @Test
    void theCustomerIsToldOnceInTheChatsLanguageWithTheEstimatedWait() {
        simulator().setQueueAvailability(simulator().queueId(), true, 3, 150, null);
        simulator().chat("ack-de").confidence(0.1).messages(4).attribute("language", "de").create();
        simulator().chat("ack-fr").confidence(0.1).messages(4).attribute("language", "fr").create();
        simulator().chat("ack-asked").confidence(0.9).userRequestedTransfer(true).messages(2).create();
        awaitSubscribed();

        for (String id : List.of("ack-de", "ack-fr", "ack-asked")) {
            simulator().emitEvent(id);
            simulator().emitEvent(id); // a repeated event: still one transfer, one message
        }

        await().atMost(PATIENCE).until(() -> counter("cxone.customer.messages", "kind", "acknowledgement", "outcome", "sent") == 3);
        assertThat(texts("ack-de")).containsExactly("Wir verbinden Sie mit einem Mitarbeiter - etwa 3 Minuten.");
        // a language without texts gets the first configured one
        assertThat(texts("ack-fr")).containsExactly("Connecting you with an agent - about 3 min.");
        // a text for the reason wins
        assertThat(texts("ack-asked")).containsExactly("Of course - connecting you with a person - about 3 min.");
        assertThat(simulator().customerMessagesFor("ack-de").get(0).author()).isEqualTo("system");
        assertThat(simulator().transfersFor("ack-de")).hasSize(1);
    }

    @Test
    void aClosedQueueKeepsTheChatWithTheBotAndTellsTheCustomerOnceThenItGoesWhenTheQueueOpens() {
        String id = "closed-queue";
        simulator().setQueueAvailability(simulator().queueId(), false, 0, 0, "2026-12-02T08:00:00Z");
        simulator().chat(id).confidence(0.1).messages(3).create();
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();

        simulator().emitEvent(id);
        simulator().emitEvent(id);
        simulator().emitEvent(id, "awaiting_response");

        // each event decided or joined with a waiting one of the chat
        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(PATIENCE).until(this::lanesIdle);
        assertThat(simulator().transfersFor(id)).isEmpty();
        assertThat(simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id))).isEmpty();
        assertThat(texts(id)).containsExactly(
                "Our agents are not available right now (back at 08:00 UTC). I will stay with you until then.");
        assertThat(counter("cxone.handoff.fallbacks", "choice", "stay_with_bot")).isEqualTo(1);

        // the queue opens: the chat's next event hands it off, and its context says it waited
        simulator().setQueueAvailability(simulator().queueId(), true, 2, 60, null);
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        await().atMost(PATIENCE).until(() -> texts(id).size() == 2);
        assertThat(texts(id).get(1)).isEqualTo("Connecting you with an agent - about 1 min.");
        assertThat(contextOf(id).attributes()).containsEntry("handoff_fallback", "stayed_with_bot");
    }

    @Test
    void anOpenQueueWithoutAgentsKeepsTheChatWithTheBot() {
        String id = "no-agents";
        simulator().setQueueAvailability(simulator().queueId(), true, 0, 0, null);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();

        simulator().emitEvent(id);

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().transfersFor(id)).isEmpty();
        // no next opening known: the text without it
        assertThat(texts(id)).containsExactly("Our agents are not available right now. I will stay with you until then.");
    }

    @Test
    void aTenantWithoutTheAvailabilityCheckIsAskedOnceAndHandoffsGoOn() {
        simulator().setAvailabilityEndpointMissing(true);
        long checksBefore = availabilityChecks();
        simulator().chat("no-check-1").confidence(0.1).create();
        simulator().chat("no-check-2").confidence(0.1).create();
        awaitSubscribed();

        simulator().emitEvent("no-check-1");
        await().atMost(PATIENCE).until(() -> simulator().transfersFor("no-check-1").size() == 1);
        simulator().emitEvent("no-check-2");
        await().atMost(PATIENCE).until(() -> simulator().transfersFor("no-check-2").size() == 1);

        assertThat(availabilityChecks() - checksBefore).isEqualTo(1);
        assertThat(contextOf("no-check-2").attributes()).containsEntry("handoff_fallback", "none");
        // without the estimated wait, the acknowledgement has none
        await().atMost(PATIENCE).until(() -> texts("no-check-2").size() == 1);
        assertThat(texts("no-check-2")).containsExactly("Connecting you with an agent.");
    }

    @Test
    void aFailingAvailabilityCheckDoesNotStopTheHandoff() {
        String id = "check-fails";
        simulator().failNext(Operation.GET_AVAILABILITY, 10, 503);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(counter("cxone.handoff.availability.unknown")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFailingCustomerMessageDoesNotUndoTheHandoff() {
        String id = "message-fails";
        simulator().failNext(Operation.POST_MESSAGE, 10, 503);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> counter("cxone.customer.messages", "kind", "acknowledgement", "outcome", "failed") == 1);
        assertThat(simulator().transfersFor(id)).hasSize(1);
        assertThat(texts(id)).isEmpty();
        // recorded as done: a later event transfers nothing again
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(1).create();
        simulator().emitEvent(id);
        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator().transfersFor(id)).hasSize(1);
    }

    @Test
    void anAgentTakingTheChatRecordsTheTimeToAgentByReasonAndQueue() {
        String id = "assigned";
        simulator().setAgentAssignMillis(300);
        simulator().chat(id).confidence(0.1).create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> timeToAgent("low_confidence", simulator().queueId()) != null
                                             && timeToAgent("low_confidence", simulator().queueId()).count() == 1);
        Timer timer = timeToAgent("low_confidence", simulator().queueId());
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
        assertThat(statistics().getTimeToAgentMeanSeconds()).isGreaterThan(0);
        assertThat(counter("cxone.handoff.assignment.timeouts")).isZero();
    }

    @Test
    void theAgentReceivesTheSummaryAndARedactedTranscript() {
        String id = "personal-data";
        SimulatedChat chat = simulator().chat(id).confidence(0.1).messages(2).attribute("intent", "billing").attribute("customer_sentiment", -0.4)
                .customerSays("my card 4111 1111 1111 1111, not 4111 1111 1111 1112; mail jo.doe@example.com; call +49 30 1234567; order 123456789012")
                .create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        Transfer transfer = simulator().transfersFor(id).get(0);
        String said = transfer.history().stream().filter(m -> String.valueOf(m.get("content")).startsWith("my card"))
                .map(m -> (String) m.get("content")).findFirst().orElseThrow();
        assertThat(said).isEqualTo("my card [card number removed], not 4111 1111 1111 1112; mail [e-mail removed]; "
                                   + "call [phone number removed]; order 123456789012");
        // text without personal data passes unchanged
        assertThat(transfer.history().stream().map(m -> m.get("content")).filter(c -> c != said))
                .containsExactlyElementsOf(chat.messages().stream().map(m -> m.get("content"))
                        .filter(c -> !String.valueOf(c).startsWith("my card")).toList());
        Map<String, Object> attributes = contextOf(id).attributes();
        assertThat(attributes).containsEntry("handoff_reason", "low_confidence").containsEntry("handoff_rule", "low-confidence")
                .containsEntry("bot_last_intent", "billing").containsEntry("customer_sentiment", -0.4)
                .containsEntry("handoff_fallback", "none").containsKey("minutes_with_bot").containsKey("bot_turns");
        assertThat((String) attributes.get("handoff_summary")).startsWith("low confidence (rule low-confidence) after ")
                .contains("last intent billing; sentiment -0.40");
    }

    @Test
    void theHandoffRateAndTheFiguresOfAScriptedRunAreInTheMetricsAndTheConsole() {
        simulator().chat("rate-1").confidence(0.1).create();
        simulator().chat("rate-2").confidence(0.9).userRequestedTransfer(true).create();
        simulator().chat("rate-3").confidence(0.9).create();
        simulator().chat("rate-4").confidence(0.9).create();
        awaitSubscribed();
        NotifyBuilder decided = new NotifyBuilder(context).fromRoute(DECISIONS).whenDone(4).create();

        List.of("rate-1", "rate-2", "rate-3", "rate-4").forEach(simulator()::emitEvent);

        assertThat(decided.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(PATIENCE).until(() -> counter("cxone.customer.messages", "kind", "acknowledgement", "outcome", "sent") == 2);
        HandoffStatistics statistics = statistics();
        assertThat(statistics.getBotChats()).isEqualTo(4);
        assertThat(statistics.getTransferred()).isEqualTo(2);
        assertThat(statistics.getHandoffRate()).isEqualTo(0.5);
        assertThat(statistics.getHandoffRateByReason()).containsEntry("low_confidence", 0.25).containsEntry("customer_request", 0.25);
        assertThat(statistics.getCustomersTold()).isEqualTo(2);
        assertThat(statistics.getFallbackOverflow()).isZero();
        assertThat(statistics.getFallbackStayWithBot()).isZero();
        assertThat(counter("cxone.bot.chats")).isEqualTo(4);
    }

    private long availabilityChecks() {
        return simulator().requests().stream().filter(r -> r.operation() == Operation.GET_AVAILABILITY).count();
    }

    private List<String> texts(String id) {
        return simulator().customerMessagesFor(id).stream().map(CustomerMessage::content).toList();
    }

    private ContextPatch contextOf(String id) {
        return simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id)).reduce((a, b) -> b).orElseThrow();
    }

    private Timer timeToAgent(String reason, String queue) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        return registry.find("cxone.handoff.time_to_agent").tags("reason", reason, "queue", queue).timer();
    }

    private HandoffStatistics statistics() {
        return context.getRegistry().lookupByNameAndType("handoffStatistics", HandoffStatistics.class);
    }
}
