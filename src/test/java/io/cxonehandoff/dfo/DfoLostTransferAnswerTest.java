package io.cxonehandoff.dfo;

import java.time.Duration;
import java.util.Properties;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.simulator.Misbehaviour;
import io.cxonehandoff.simulator.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A routing-queue change whose answer is lost (the call's deadline passes after the request may have arrived) is
 * never sent again blindly (docs/cxone-dfo.md section 6): the case is read again, and the change sent once more
 * only if the case is still the bot's.
 */
@DfoProfile
class DfoLostTransferAnswerTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties("cxone.http.call-deadline-ms", "1000");
    }

    @Test
    void aChangeThatNeverArrivedIsSentOnceMoreAfterTheCaseIsReadAgain() {
        String id = "lost-before";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(3).create();
        simulator().misbehaveNext(Operation.TRANSFER, 1, Misbehaviour.HEADERS_THEN_SILENCE);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(attempts(Operation.TRANSFER, id)).as("the silent one, then one more").isEqualTo(2);
        assertThat(attempts(Operation.GET_INTERACTION, id)).as("the decision's read, then the one that settles it").isEqualTo(2);
        await().atMost(PATIENCE).until(() -> counter("cxone.handoff.completed", "outcome", "transferred") == 1);
        assertThat(deadLetters().count()).isZero();
    }

    @Test
    void aChangeThatArrivedButWhoseAnswerWasLostIsNotSentAgain() {
        String id = "lost-after";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(3).create();
        simulator().dfo().loseNextRoutingQueueAnswers(1);

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> counter("cxone.handoff.completed", "outcome", "transferred") == 1);
        assertThat(simulator().transfersFor(id)).hasSize(1);
        assertThat(attempts(Operation.TRANSFER, id)).isEqualTo(1);
        assertThat(attempts(Operation.GET_INTERACTION, id)).isEqualTo(2);
        // the change's event came while it was on its way: ours, though its trace id never reached us
        assertThat(counter("cxone.events.ignored", "reason", "own_transfer")).isEqualTo(1);
        assertThat(deadLetters().count()).isZero();
    }

    @Test
    void aCaseThatLeftTheBotMeanwhileIsNotMovedAndTheHandoffEndsAsAlreadyDone() {
        String id = "lost-and-closed";
        makeWatched(id);
        simulator().chat(id).confidence(0.1).messages(3).create();
        simulator().misbehaveNext(Operation.TRANSFER, 1, Misbehaviour.HEADERS_THEN_SILENCE);

        simulator().emitEvent(id);
        // the custom fields went (the change follows at once, and its answer is lost): the case closes meanwhile
        await().pollInterval(Duration.ofMillis(10)).atMost(PATIENCE).until(() -> attempts(Operation.PATCH_CONTEXT, id) == 1);
        simulator().setChatState(id, "completed");

        await().atMost(PATIENCE).until(() -> counter("cxone.handoff.completed", "outcome", "already_transferred") == 1);
        assertThat(simulator().transfersFor(id)).isEmpty();
        assertThat(attempts(Operation.TRANSFER, id)).isEqualTo(1);
        assertThat(deadLetters().count()).isZero();
    }

    private long attempts(Operation operation, String id) {
        return simulator().requests().stream().filter(r -> r.operation() == operation && id.equals(r.interactionId())).count();
    }

    private SharedDeadLetters deadLetters() {
        return context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class);
    }
}
