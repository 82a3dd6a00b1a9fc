package io.cxonehandoff.dfo;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.cxonehandoff.DfoProfile;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-case write budget (docs/cxone-dfo.md section 7; CXone: 250 at once, then 17 a minute) holds: with the
 * tenant's limit tightened to one write at once then 120 a minute, and cxone.write-budget.* just under it, no write
 * is ever answered 429, retries included.
 */
@DfoProfile
class DfoWriteBudgetTest extends HandoffTestSupport {

    /** Writes a minute the tenant allows one case in this test. */
    private static final int TENANT_PER_MINUTE = 120;

    @Override
    protected Properties testProperties() {
        return properties("cxone.write-budget.per-minute", "100", "cxone.write-budget.burst", "1",
                "cxone.retry.max-redeliveries", "4", "handoff.parallelism", "16");
    }

    @Test
    void writesToOneCaseKeepItsBudgetAndTheTenantNeverAnswers429() {
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> "budget-" + i).toList();
        makeWatched(ids.toArray(String[]::new));
        simulator().dfo().setCaseWriteLimit(1, TENANT_PER_MINUTE);
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(3).create());
        // three changes fail once (whose ever they are): each is written again, within its case's budget
        simulator().failNext(Operation.TRANSFER, 3, 503);

        ids.forEach(simulator()::emitEvent);

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
        assertThat(simulator().requests()).noneMatch(r -> r.status() == 429);
        assertThat(simulator().count(Operation.TRANSFER, 503)).isEqualTo(3);
        for (String id : ids) {
            List<RecordedRequest> writes = simulator().requests().stream().filter(r -> id.equals(r.interactionId())
                    && (r.operation() == Operation.PATCH_CONTEXT || r.operation() == Operation.TRANSFER)).toList();
            for (int i = 1; i < writes.size(); i++) {
                assertThat(Duration.between(writes.get(i - 1).receivedAt(), writes.get(i).receivedAt()))
                        .as("%s: write %d after write %d", id, i + 1, i).isGreaterThanOrEqualTo(Duration.ofMillis(60_000 / TENANT_PER_MINUTE));
            }
        }
    }
}
