package io.cxonehandoff.cluster;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.deadletter.DeadLetters;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leader's guard in the real routes (one process, always the leader, so the test makes the guard refuse):
 * a handoff refused at the transfer ends quietly, counted, with no dead letter and no record, so the leader
 * hands the chat off later; and a replay recorded by a follower is carried out by the leader's timer.
 */
class LeaderGuardInTheRoutesTest extends HandoffTestSupport {

    private final AtomicBoolean leading = new AtomicBoolean(true);

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF, "handoff.dead-letters.replay-requests-interval-ms", "200");
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void aHandoffRefusedByTheGuardEndsQuietlyAndIsLeftToTheLeader() throws Exception {
        // the leadership is lost between the context update and the transfer
        AdviceWith.adviceWith(context, "handoff", route -> route.weaveById("leader-before-transfer").replace()
                .process(exchange -> {
                    if (!leading.get()) {
                        throw new NotLeaderException("Not the leader of cxone-handoff (test)");
                    }
                }));
        context.start();
        awaitSubscribed();
        leading.set(false);
        simulator().chat("guarded").confidence(0.1).messages(2).create();
        simulator().emitEvent("guarded");

        await().atMost(PATIENCE).until(() -> counter("cxone.handoff.skipped", "reason", "not_leader") == 1);
        assertThat(simulator().transfersFor("guarded")).isEmpty();
        assertThat(simulator().requests()).as("the context write was before the loss")
                .filteredOn(r -> r.operation() == Operation.PATCH_CONTEXT && "guarded".equals(r.interactionId())).hasSize(1);
        assertThat(deadLetters().count()).as("no dead letter").isZero();
        assertThat(counter("cxone.handoff.failed", "reason", "error")).isZero();
        IdempotentRepository record = context.getRegistry().lookupByNameAndType("handoffRepository", IdempotentRepository.class);
        // the record's key is the bot episode (HandoffEpisodes): the simulator's first is <id>-bot-1
        String episode = "guarded#guarded-bot-1";
        assertThat(record.contains(episode)).as("not recorded as done").isFalse();

        // leading again (the leader's catch-up would list it): the same chat is handed off, once
        leading.set(true);
        simulator().emitEvent("guarded");
        await().atMost(PATIENCE).until(() -> simulator().transfersFor("guarded").size() == 1);
        await().atMost(PATIENCE).until(() -> record.contains(episode));
    }

    @Test
    void aReplayRecordedByAFollowerIsCarriedOutByTheLeadersTimer() throws Exception {
        context.start();
        awaitSubscribed();
        simulator().chat("replayed-by-leader").confidence(0.1).messages(2).create();
        simulator().failNext(Operation.TRANSFER, 1, 400);
        simulator().emitEvent("replayed-by-leader");
        await().atMost(PATIENCE).until(() -> deadLetters().count() == 1);

        // what a follower sharing the store does when asked (SharedDeadLetters.replay there)
        String name = deadLetters().list().get(0);
        assertThat(((DeadLetters) deadLetters().delegate()).requestReplay(name)).isTrue();
        assertThat(deadLetters().count()).isZero();

        await().atMost(PATIENCE).until(() -> simulator().transfersFor("replayed-by-leader").size() == 1);
        assertThat(((DeadLetters) deadLetters().delegate()).requested()).isEmpty();
    }

    private SharedDeadLetters deadLetters() {
        return context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
    }
}
