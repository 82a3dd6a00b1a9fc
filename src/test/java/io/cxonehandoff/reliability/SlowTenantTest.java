package io.cxonehandoff.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.store.SharedDeadLetters;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.cxonehandoff.support.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broken or hostile tenant can slow the integration down as far as it is allowed to, and no further. */
class SlowTenantTest extends HandoffTestSupport {

    private static final long RETRY_AFTER_CAP_SECONDS = 2;

    @Override
    protected Properties testProperties() {
        return properties(
                CATCH_UP_OFF,
                "cxone.retry.retry-after-max-seconds", String.valueOf(RETRY_AFTER_CAP_SECONDS),
                "cxone.token.wait-timeout-ms", "200",
                "cxone.retry.max-redeliveries", "8");
    }

    @Test
    void aRetryAfterOfThirtyYearsPausesEveryCallAtMostTheCapAndLaterChatsAreHandedOff() {
        awaitSubscribed();
        simulator().chat("ra-trigger").confidence(0.1).messages(3).create();
        simulator().chat("ra-later").confidence(0.1).messages(3).create();
        simulator().setScriptedRetryAfter("999999999"); // 31 years
        simulator().failNext(Operation.GET_INTERACTION, 1, 429);

        simulator().emitEvent("ra-trigger");
        await().atMost(PATIENCE).until(() -> simulator().count(Operation.GET_INTERACTION, 429) == 1);

        // while it lasts, the pause is in /observe/health (UP: the tenant's instruction) and /observe/metrics
        HealthCheck.Result pause = tenantPauseCheck();
        assertThat(pause.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(pause.getDetails()).containsEntry("tenant.paused", true);
        assertThat((Long) pause.getDetails().get("tenant.pause.remaining.seconds")).isBetween(1L, RETRY_AFTER_CAP_SECONDS);
        assertThat(pauseGauge()).isBetween(0.0, (double) RETRY_AFTER_CAP_SECONDS);
        simulator().emitEvent("ra-later");

        await().atMost(PATIENCE).until(() -> simulator().transfersFor("ra-trigger").size() == 1
                                             && simulator().transfersFor("ra-later").size() == 1);
        List<RecordedRequest> requests = simulator().requests().stream().filter(r -> r.operation() != Operation.TOKEN).toList();
        Instant limited = requests.stream().filter(r -> r.status() == 429).findFirst().orElseThrow().at();
        Instant resumed = requests.stream().filter(r -> r.receivedAt().isAfter(limited)).findFirst().orElseThrow().receivedAt();
        // the pause is the cap, then the held calls spread over at most a second; nothing waited 31 years
        assertThat(Duration.between(limited, resumed)).isBetween(Duration.ofMillis(RETRY_AFTER_CAP_SECONDS * 1000 - 100),
                Duration.ofMillis(RETRY_AFTER_CAP_SECONDS * 1000 + 1000 + 1500));
        assertThat(tenantPauseCheck().getDetails()).containsEntry("tenant.paused", false);
        assertThat(pauseGauge()).isZero();
    }

    @Test
    void callsWaitingForASlowTokenEndpointGiveUpAndAreRetriedUntilTheTokenComes() {
        awaitSubscribed();
        List<String> ids = IntStream.range(0, 8).mapToObj(i -> "slow-token-" + i).toList();
        ids.forEach(id -> simulator().chat(id).confidence(0.1).messages(3).create());
        int tokensBefore = simulator().tokenRequests();
        simulator().setTokenLatencyMillis(900);
        simulator().revokeAllTokens(); // every call gets a 401, drops the token and needs a new one
        try (CapturedLog log = new CapturedLog()) {
            ids.forEach(simulator()::emitEvent);

            await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> simulator().transfersFor(id).size() == 1));
            // the calls behind the slow token request did not wait for it: they failed after 200 ms as an I/O
            // error, and the call policy retried them with backoff
            assertThat(log.containing("TokenWaitTimeoutException")).isNotEmpty();
        } finally {
            simulator().setTokenLatencyMillis(0);
        }
        assertThat(counter("cxone.api.retries")).isPositive();
        assertThat(context.getRegistry().lookupByNameAndType("deadLetterStore", SharedDeadLetters.class).count()).isZero();
        assertThat(simulator().tokenRequests() - tokensBefore).as("one token request at a time, not one per call")
                .isLessThan(ids.size());
    }

    private HealthCheck.Result tenantPauseCheck() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("cxone-tenant-pause"))
                .findFirst().orElseThrow(() -> new AssertionError("no cxone-tenant-pause readiness check"));
    }

    private double pauseGauge() {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry.get("cxone.tenant.pause.remaining").gauge().value();
    }
}
