package io.cxonehandoff.handoff;

import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.Transfer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events CXone emitted while the socket was down are not replayed: catch-up still hands those chats off. */
class CatchUpTest extends HandoffTestSupport {

    @Test
    void chatsWhoseEventsWereMissedWhileDisconnectedAreHandedOffAfterReconnect() {
        awaitSubscribed();
        simulator().setAcceptAuthentication(false);
        simulator().dropConnections(true);
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 0);

        // 120 chats needing a handoff (two listing pages) and one that does not; their events are lost
        IntStream.range(0, 120).forEach(i -> {
            simulator().chat("missed-" + i).confidence(0.1).messages(i).create();
            simulator().emitEvent("missed-" + i);
        });
        simulator().chat("missed-but-fine").confidence(0.8).create();
        simulator().emitEvent("missed-but-fine");
        simulator().chat("missed-awaiting").state("awaiting_response").userRequestedTransfer(true).create();

        simulator().setAcceptAuthentication(true);

        await().atMost(PATIENCE).until(() -> simulator().acceptedTransfers().size() == 121);
        IntStream.range(0, 120).forEach(i -> {
            assertThat(simulator().transfersFor("missed-" + i)).hasSize(1);
            Transfer transfer = simulator().transfersFor("missed-" + i).get(0);
            assertThat(transfer.history()).hasSize(i);
        });
        assertThat(simulator().transfersFor("missed-awaiting").get(0).reason()).isEqualTo("customer_request");
        assertThat(simulator().transfersFor("missed-but-fine")).isEmpty();
        // bot_active: two pages of 100; awaiting_response: one page
        assertThat(simulator().requests().stream().filter(r -> r.operation() == Operation.LIST_INTERACTIONS
                                                               && r.status() == 200)).hasSizeGreaterThanOrEqualTo(3);
    }
}
