package io.cxonehandoff.dfo;

import java.util.List;
import java.util.stream.IntStream;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.support.CapturedLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation (the dfo profile's catch-up, docs/cxone-dfo.md section 4): the event hub replays nothing, so
 * after every (re)connect the contact search finds the bot's cases, every page; each is decided on as the search
 * answered it (no read of its own), subscribed when not watched, and cases no longer found are forgotten.
 * Its timer is off here ({@code DfoWatchTest} has it on).
 */
@DfoProfile
class DfoReconciliationTest extends HandoffTestSupport {

    @Test
    void casesWhoseEventsWereMissedWhileDisconnectedAreHandedOffAfterTheReconnect() {
        awaitSubscribed();
        simulator().setAcceptAuthentication(false);
        simulator().dropConnections(true);
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 0);
        long searchesBefore = simulator().count(Operation.LIST_INTERACTIONS, 200);

        // 60 cases needing a handoff (three search pages of 25), one that does not, one asking for a person
        List<String> missed = IntStream.range(0, 60).mapToObj(i -> "missed-" + i).toList();
        for (int i = 0; i < missed.size(); i++) {
            simulator().chat(missed.get(i)).confidence(0.1).messages(i).create();
            simulator().emitEvent(missed.get(i)); // lost: not subscribed, and nobody registered
        }
        simulator().chat("missed-but-fine").confidence(0.8).create();
        simulator().chat("missed-pending").state("awaiting_response").confidence(0.9).userRequestedTransfer(true).create();

        simulator().setAcceptAuthentication(true);

        await().atMost(PATIENCE).until(() -> missed.stream().allMatch(id -> simulator().transfersFor(id).size() == 1)
                                             && simulator().transfersFor("missed-pending").size() == 1);
        for (int i = 0; i < missed.size(); i++) {
            assertThat(handedOffMessages(missed.get(i))).isEqualTo(i);
            assertThat(reads(missed.get(i))).as("decided on the case the search answered with").isZero();
        }
        assertThat(simulator().transfersFor("missed-pending").get(0).reason()).isEqualTo("customer_request");
        assertThat(simulator().transfersFor("missed-but-fine")).isEmpty();
        assertThat(reads("missed-but-fine")).as("decided on the case the search carried").isZero();
        assertThat(simulator().dfo().isSubscribed("missed-but-fine")).isTrue();
        assertThat(simulator().count(Operation.LIST_INTERACTIONS, 200) - searchesBefore).isGreaterThanOrEqualTo(3);
    }

    @Test
    void casesThatLeftTheBotOrClosedAreForgottenAfterACompleteSearch() {
        makeWatched("stays", "moved", "closed");
        int watchedBefore = watch().watched();
        simulator().markTransferred("moved");
        simulator().setChatState("closed", "completed");

        reconcile();
        awaitReconciled();

        assertThat(watch().watched()).isEqualTo(watchedBefore - 2);
        assertThat(watch().due("stays")).as("still watched").isFalse();
        assertThat(watch().due("moved")).as("forgotten: subscribed anew if it ever comes back").isTrue();
    }

    @Test
    void aStuckScrollTokenEndsTheSearchAndForgetsNothing() {
        List<String> ids = IntStream.range(0, 60).mapToObj(i -> "scroll-" + i).toList();
        makeWatched(ids.toArray(String[]::new));
        int watched = watch().watched();
        simulator().chat("scroll-needs-handoff").confidence(0.1).create(); // the newest: on the first page
        simulator().dfo().setSearchRepeatsScrollToken(true);
        long searchesBefore = simulator().count(Operation.LIST_INTERACTIONS, 200);

        int passes;
        try (CapturedLog log = new CapturedLog()) {
            reconcile();
            await().atMost(PATIENCE).until(() -> simulator().transfersFor("scroll-needs-handoff").size() == 1);
            awaitReconciled();
            // one WARN per pass; a pass that found a case, or was cut short, is followed by another (at most
            // handoff.catch-up.max-passes)
            passes = log.containing("stopped by repeating-cursor").size();
            assertThat(passes).isBetween(1, 5);
        }
        // per pass: the first page, the page that repeated its token, no more
        assertThat(simulator().count(Operation.LIST_INTERACTIONS, 200) - searchesBefore).isEqualTo(2L * passes);
        assertThat(watch().watched()).as("an incomplete search forgets no case").isGreaterThanOrEqualTo(watched);
    }

    @Test
    void aGarbledSearchAnswerFailsThatReconciliationOnlyAndTheNextOneWorks() {
        awaitSubscribed();
        awaitReconciled();
        simulator().chat("after-garbled-search").confidence(0.1).create();
        simulator().garbleNext(Operation.LIST_INTERACTIONS, 1);

        reconcile();
        await().atMost(PATIENCE).until(() -> counter("cxone.catchup.failed") == 1);
        assertThat(simulator().transfersFor("after-garbled-search")).isEmpty();

        reconcile();
        await().atMost(PATIENCE).until(() -> simulator().transfersFor("after-garbled-search").size() == 1);
    }

    private CaseWatch watch() {
        return context.getRegistry().lookupByNameAndType("caseWatch", CaseWatch.class);
    }

    private long reads(String id) {
        return simulator().requests().stream().filter(r -> r.operation() == Operation.GET_INTERACTION && id.equals(r.interactionId())).count();
    }
}
