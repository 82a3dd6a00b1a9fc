package io.cxonehandoff.lanes;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.support.CapturedLog;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The handoff lanes as the routes configure them. */
class LanesInTheRoutesTest extends HandoffTestSupport {

    private static final int PARALLELISM = 4;
    private static final int QUEUE_SIZE = 777;

    @Override
    protected Properties testProperties() {
        return properties(
                CATCH_UP_OFF,
                "handoff.parallelism", String.valueOf(PARALLELISM),
                "handoff.queue.size", String.valueOf(QUEUE_SIZE));
    }

    /** The routes are advised before the context starts (a route advised later is not restarted by the supervisor). */
    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void theQueueHoldsHandoffQueueSizeEventsThoughItsProducerEndpointIsCreatedFirst() {
        context.start();
        assertThat(context.getComponent("lanes", LanesComponent.class).lanes("handoff-events").capacity())
                .isEqualTo(QUEUE_SIZE);
    }

    @Test
    void errorsInHandoffsAreDeadLetteredAndTheLaneThreadsGoOn() throws Exception {
        // stand for the OutOfMemoryError a 200 MB answer caused in Jackson: within the handoff's doTry, which
        // handles it like any failure, and before it, where only the lanes consumer can
        AdviceWith.adviceWith(context, "handoff-lanes", route -> {
            route.weaveById("read-interaction").after().process(exchange -> throwFor(exchange, "huge-"));
            route.weaveById("remember-original-event").after().process(exchange -> throwFor(exchange, "early-"));
        });
        context.start();
        awaitSubscribed();
        SharedDeadLetters deadLetters = context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
        for (int i = 0; i < PARALLELISM + 1; i++) {
            for (String kind : List.of("huge-", "early-")) {
                simulator().chat(kind + i).confidence(0.1).create();
                simulator().emitEvent(kind + i);
            }
        }
        await().atMost(PATIENCE).until(() -> deadLetters.count() == 2 * (PARALLELISM + 1));

        simulator().chat("after-the-errors").confidence(0.1).messages(3).create();
        simulator().emitEvent("after-the-errors");

        await().atMost(PATIENCE).until(() -> simulator().transfersFor("after-the-errors").size() == 1);
        LanesConsumer consumer = (LanesConsumer) context.getRoute("handoff-lanes").getConsumer();
        assertThat(consumer.runningWorkers()).isEqualTo(PARALLELISM);
        assertThat(letter(deadLetters, "huge-0")).contains("\"interactionId\" : \"huge-0\"", "java.lang.OutOfMemoryError: test",
                "\"state\" : \"bot_active\"");
        assertThat(letter(deadLetters, "early-0")).contains("\"interactionId\" : \"early-0\"", "java.lang.OutOfMemoryError: test",
                "\"failedRoute\" : \"handoff-lanes\"", "\"state\" : \"bot_active\"");
        assertThat(simulator().transfersFor("huge-0")).as("a failed handoff does not go on after its dead letter").isEmpty();
        assertThat(counter("cxone.handoff.failed", "reason", "error")).isEqualTo(PARALLELISM + 1);
        assertThat(counter("cxone.handoff.failed", "reason", "internal_error")).isEqualTo(PARALLELISM + 1);
        await().atMost(PATIENCE).until(() -> context.getInflightRepository().size() == 0);

        // and a dead letter of either kind replays
        assertThat(deadLetters.replayAll()).isEqualTo(2 * (PARALLELISM + 1));
        await().atMost(PATIENCE).until(() -> deadLetters.count() == 2 * (PARALLELISM + 1));
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsLoudAndTheLanesGoOn() throws Exception {
        Files.createDirectories(dataDir());
        Files.writeString(dataDir().resolve("dead-letters"), "a file where the dead-letter folder should be");
        context.start();
        awaitSubscribed();
        simulator().chat("lost-letter").confidence(0.1).create();
        simulator().failNext(Operation.PATCH_CONTEXT, 1, 403); // not retried: dead-lettered at once

        try (CapturedLog log = new CapturedLog()) {
            simulator().emitEvent("lost-letter");

            await().atMost(PATIENCE).until(() -> counter("cxone.handoff.deadletters.failed") >= 1);
            await().atMost(PATIENCE).until(() -> !log.containing("Dead letter of interaction lost-letter could not be stored").isEmpty());
        }
        simulator().chat("after-the-lost-letter").confidence(0.1).messages(3).create();
        simulator().emitEvent("after-the-lost-letter");
        await().atMost(PATIENCE).until(() -> simulator().transfersFor("after-the-lost-letter").size() == 1);
        assertThat(((LanesConsumer) context.getRoute("handoff-lanes").getConsumer()).runningWorkers()).isEqualTo(PARALLELISM);
        assertThat(counter("cxone.handoff.deadletters")).as("nothing claims to be stored").isZero();
    }

    private static void throwFor(Exchange exchange, String prefix) {
        if (exchange.getProperty("interactionId", String.class).startsWith(prefix)) {
            throw new OutOfMemoryError("test");
        }
    }

    private String letter(SharedDeadLetters deadLetters, String interactionId) throws Exception {
        String name = deadLetters.list().stream().filter(n -> n.startsWith(interactionId + "-")).findFirst().orElseThrow();
        return Files.readString(dataDir().resolve("dead-letters").resolve(name));
    }
}
