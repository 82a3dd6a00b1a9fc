package io.cxonehandoff.packaged;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of the packaged jar: readiness that follows the event stream, Prometheus metrics
 * that count what happened, and logs with one line per handoff and no secret, token or message content.
 */
class OperationsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private final String secret = "it-" + UUID.randomUUID();
    private final Path dataDir = Path.of("target", "it-data", UUID.randomUUID().toString());
    private final HttpClient http = HttpClient.newHttpClient();
    private CxoneSimulator tenant;
    private int port;

    @BeforeEach
    void startTenant() throws IOException {
        tenant = new CxoneSimulator(new SimulatorSettings().clientSecret(secret).latencyMillis(5)).start();
        port = PackagedIntegration.freeLoopbackPort();
    }

    @AfterEach
    void stopTenant() {
        tenant.stop();
    }

    @Test
    void readinessMetricsAndLogsFollowWhatHappens() throws Exception {
        tenant.chat("ops-low").confidence(0.1).messages(30).create();
        tenant.chat("ops-asked").confidence(0.9).userRequestedTransfer(true).messages(3).create();
        try (PackagedIntegration app = PackagedIntegration.start(tenant, dataDir, "operations",
                // catch-up off: the counts below are of the two events only
                Map.of("CXONE_HANDOFF_MANAGEMENT_PORT", String.valueOf(port), "HANDOFF_CATCH_UP_ENABLED", "false"))) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> get("/observe/health/ready").statusCode() == 200);
            assertThat(get("/observe/health/ready").body()).contains("cxone-stream-subscribed");
            // the tenant-wide pause a 429 imposes, with its details (none yet)
            assertThat(get("/observe/health?data=true").body()).contains("cxone-tenant-pause", "\"tenant.paused\":false");
            assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);

            // one handoff per reason; the first interaction lookup is refused once with 429 and retried
            tenant.failNext(Operation.GET_INTERACTION, 1, 429);
            tenant.emitEvent("ops-low");
            await().atMost(PATIENCE).until(() -> tenant.transfersFor("ops-low").size() == 1);
            tenant.emitEvent("ops-asked");
            await().atMost(PATIENCE).until(() -> tenant.transfersFor("ops-asked").size() == 1);

            await().atMost(PATIENCE).untilAsserted(() -> {
                String metrics = get("/observe/metrics").body();
                assertThat(value(metrics, "cxone_handoff_completed_total", "outcome=\"transferred\",reason=\"low_confidence\"")).isEqualTo(1);
                assertThat(value(metrics, "cxone_handoff_completed_total", "outcome=\"transferred\",reason=\"customer_request\"")).isEqualTo(1);
                assertThat(value(metrics, "cxone_api_calls_total", "operation=\"get-interaction\",status=\"429\"")).isEqualTo(1);
                assertThat(value(metrics, "cxone_api_calls_total", "operation=\"get-interaction\",status=\"200\"")).isEqualTo(2);
                assertThat(value(metrics, "cxone_api_calls_total", "operation=\"transfer\",status=\"200\"")).isEqualTo(2);
                assertThat(value(metrics, "cxone_api_retries_total", "operation=\"get-interaction\"")).isEqualTo(1);
                assertThat(value(metrics, "cxone_handoff_latency_seconds_count", "")).isEqualTo(2);
                assertThat(metrics).contains("cxone_handoff_latency_seconds_bucket");
                assertThat(value(metrics, "cxone_tenant_pause_remaining_seconds", "")).isZero();
                assertThat(value(metrics, "cxone_stream_subscriptions_total", "")).isEqualTo(1);
            });

            // the socket drops and CXone refuses to authenticate it again: alive, but not ready
            tenant.setAcceptAuthentication(false);
            tenant.dropConnections(true);
            await().atMost(PATIENCE).until(() -> get("/observe/health/ready").statusCode() != 200);
            assertThat(get("/observe/health/ready").body()).contains("DOWN");
            assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
            assertThat(value(get("/observe/metrics").body(), "cxone_stream_reconnects_total", "")).isGreaterThanOrEqualTo(1);

            tenant.setAcceptAuthentication(true);
            await().atMost(PATIENCE).until(() -> get("/observe/health/ready").statusCode() == 200);

            List<String> log = app.logLines();
            assertThat(log).as("no HAWTIO_USER/HAWTIO_PASSWORD: no console, never a default password")
                    .anyMatch(line -> line.contains("Hawtio console off"));
            assertThat(log).filteredOn(line -> line.contains("Handoff interaction=")).hasSize(2)
                    .anySatisfy(line -> assertThat(line).contains("interaction=ops-low", "reason=low_confidence",
                            "history=30", "outcome=transferred", "duration_ms="));
            assertThat(log).as("no secret, token or message content in the log").noneMatch(line -> line.contains(secret)
                    || line.contains("Customer message") || line.contains("Bot answer")
                    || tenant.authenticatedTokens().stream().anyMatch(line::contains));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a Prometheus sample whose labels contain {@code labels}; -1 if absent. */
    private static double value(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (sample.find()) {
            if (sample.group(1) == null ? labels.isEmpty() : sample.group(1).contains(labels)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return -1;
    }
}
