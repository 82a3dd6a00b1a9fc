package io.cxonehandoff.handoff;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Transfer;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, item 4: a catch-up whose listing shifts under its cursor. 300 chats wait with the bot when the
 * stream reconnects; as soon as the first page is read, "another replica" transfers 50 of them, and our own
 * handoffs take more out of the listing while it is paged, so the offset cursor skips a block the first pass
 * never sees. The catch-up lists again until a pass finds nothing new: every chat is handed off, once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CatchUpShiftingListingTest extends HandoffTestSupport {

    private static final int CHATS = 300;
    private static final int TAKEN_ELSEWHERE = 50;

    private final Set<String> seenInFirstPass = ConcurrentHashMap.newKeySet();
    private final Set<String> takenElsewhere = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean shifted = new AtomicBoolean();

    @Override
    protected Properties testProperties() {
        // our own transfers run while the listing is paged (pages of 100)
        return properties("handoff.parallelism", "16", "cxone.rate-limit-rps", "2000");
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void aListingThatShiftsWhileChatsLeaveItMissesNothing() throws Exception {
        AdviceWith.adviceWith(context, "catch-up-state", route -> route.weaveById("list-interactions-page").after()
                .process(exchange -> {
                    CatchUpPasses.Run run = exchange.getProperty(CatchUpPasses.RUN, CatchUpPasses.Run.class);
                    List<String> ids = ((List<?>) exchange.getMessage().getBody(Map.class).get("entities")).stream()
                            .map(entity -> String.valueOf(((Map<?, ?>) entity).get("id")))
                            .filter(id -> id.startsWith("shift-")).toList();
                    if (run != null && run.passes() == 1) {
                        seenInFirstPass.addAll(ids);
                    }
                    if (!ids.isEmpty() && shifted.compareAndSet(false, true)) {
                        // another replica hands off the first 50 of the page we just read
                        ids.stream().limit(TAKEN_ELSEWHERE).forEach(id -> {
                            simulator().setChatState(id, "queued");
                            simulator().markTransferred(id);
                            takenElsewhere.add(id);
                        });
                    }
                }));
        context.start();
        awaitSubscribed();

        // the stream is down while 300 chats come to need a handoff: their events are lost
        simulator().setAcceptAuthentication(false);
        simulator().dropConnections(true);
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 0);
        List<String> ids = IntStream.range(0, CHATS).mapToObj(i -> String.format("shift-%03d", i)).toList();
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(2).create());
        NotifyBuilder caughtUp = new NotifyBuilder(context).fromRoute("catch-up").whenDone(1).create();
        simulator().setAcceptAuthentication(true);

        assertThat(caughtUp.matches(60, TimeUnit.SECONDS)).as("the catch-up after the reconnect ended").isTrue();
        List<String> ours = ids.stream().filter(id -> !takenElsewhere.contains(id)).toList();
        await().atMost(PATIENCE).until(() -> ours.stream().allMatch(id -> !simulator().transfersFor(id).isEmpty()));

        assertThat(takenElsewhere).hasSize(TAKEN_ELSEWHERE);
        // the first pass did skip chats that never left the listing: the pages shifted under the cursor
        assertThat(ours).filteredOn(id -> !seenInFirstPass.contains(id)).isNotEmpty();
        // and yet every one of them was handed off, once; none of those the other replica took
        ours.forEach(id -> assertThat(simulator().transfersFor(id)).as(id).hasSize(1));
        takenElsewhere.forEach(id -> assertThat(simulator().transfersFor(id)).as(id).isEmpty());
        assertThat(simulator().acceptedTransfers().stream().map(Transfer::interactionId).distinct().count())
                .isEqualTo(simulator().acceptedTransfers().size());
    }
}
