package io.cxonehandoff.dfo;

import java.time.Duration;
import java.util.Properties;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watched cases over time, with the reconciliation on its timer (here every 300 ms; dfo default 10 s) and
 * subscriptions posted again after cxone.dfo.resubscribe-after-ms (here 1 s; default 240 s, under NICE's 300 s).
 */
@DfoProfile
class DfoWatchTest extends HandoffTestSupport {

    private static final long RESUBSCRIBE_AFTER_MS = 1000;

    @Override
    protected Properties testProperties() {
        return properties("handoff.catch-up.interval-ms", "300", "cxone.dfo.resubscribe-after-ms", RESUBSCRIBE_AFTER_MS);
    }

    @Test
    void aWatchedCaseIsDecidedAtEveryPollWithoutARead_AndHandedOffByThePollWhenItsEventIsLost() {
        String id = "polled";
        makeWatched(id);
        long searches = simulator().count(Operation.LIST_INTERACTIONS, 200);
        await().atMost(PATIENCE).until(() -> simulator().count(Operation.LIST_INTERACTIONS, 200) >= searches + 4);
        assertThat(reads(id)).isZero();

        // the bot gives up, and the event saying so never comes: the next poll hands the case off
        simulator().chat(id).confidence(0.1).messages(4).create();

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        assertThat(reads(id)).as("decided on the case the search answered with").isZero();
        assertThat(handedOffMessages(id)).isEqualTo(4);
    }

    @Test
    void subscriptionsArePostedAgainBeforeTheyLapse() {
        String id = "kept-subscribed";
        simulator().dfo().setSubscriptionLifetimeMillis(RESUBSCRIBE_AFTER_MS + 1000);
        makeWatched(id);
        int posts = simulator().dfo().subscriptionPostsFor(id).size();

        // three times the lifetime: without posting again it would have lapsed long ago
        await().during(Duration.ofMillis(3 * (RESUBSCRIBE_AFTER_MS + 1000))).atMost(Duration.ofSeconds(15))
                .until(() -> simulator().dfo().isSubscribed(id));
        assertThat(simulator().dfo().subscriptionPostsFor(id).size() - posts).isBetween(3, 8);

        simulator().chat(id).confidence(0.1).create();
        simulator().emitEvent(id);
        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
    }

    @Test
    void aSubscriptionTheTenantForgotIsPostedAgain() {
        String id = "forgotten";
        makeWatched(id);

        simulator().dfo().forgetSubscriptions();

        assertThat(simulator().dfo().isSubscribed(id)).isFalse();
        await().atMost(Duration.ofMillis(RESUBSCRIBE_AFTER_MS + 2000)).until(() -> simulator().dfo().isSubscribed(id));
    }

    @Test
    void aCaseThatLeftTheBotIsNoLongerSubscribed() {
        String id = "left";
        makeWatched(id);
        simulator().markTransferred(id); // an agent took it over

        long searches = simulator().count(Operation.LIST_INTERACTIONS, 200);
        await().atMost(PATIENCE).until(() -> simulator().count(Operation.LIST_INTERACTIONS, 200) >= searches + 2);
        int posts = simulator().dfo().subscriptionPostsFor(id).size();

        await().during(Duration.ofMillis(3 * RESUBSCRIBE_AFTER_MS)).atMost(Duration.ofSeconds(10))
                .until(() -> simulator().dfo().subscriptionPostsFor(id).size() == posts);
        assertThat(simulator().transfersFor(id)).isEmpty();
    }

    private long reads(String id) {
        return simulator().requests().stream().filter(r -> r.operation() == Operation.GET_INTERACTION && id.equals(r.interactionId())).count();
    }
}
