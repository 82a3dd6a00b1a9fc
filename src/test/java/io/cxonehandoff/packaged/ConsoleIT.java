package io.cxonehandoff.packaged;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Hawtio console of the packaged jar, over HTTP as the console's own pages use it: login required,
 * Jolokia closed to anonymous and wrong-password requests, and the operator's operations working (suspend
 * and resume the event stream: readiness follows). The browser side is ops/hawtio-smoke.sh.
 */
class ConsoleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Pattern CONSOLE = Pattern.compile("Hawtio console at http://127\\.0\\.0\\.1:(\\d+)/hawtio");

    private final String user = "ops";
    private final String password = "pw-" + UUID.randomUUID();
    private final Path dataDir = Path.of("target", "it-data", UUID.randomUUID().toString());
    private final HttpClient http = HttpClient.newHttpClient();
    private CxoneSimulator tenant;
    private int managementPort;
    private int consolePort;

    @BeforeEach
    void startTenant() throws IOException {
        tenant = new CxoneSimulator(new SimulatorSettings().clientSecret("it-" + UUID.randomUUID())).start();
        managementPort = PackagedIntegration.freeLoopbackPort();
    }

    @AfterEach
    void stopTenant() {
        tenant.stop();
    }

    @Test
    void loginRequiredAndTheStreamCanBeSuspendedAndResumed() throws Exception {
        try (PackagedIntegration app = PackagedIntegration.start(tenant, dataDir, "console", Map.of(
                "HAWTIO_USER", user, "HAWTIO_PASSWORD", password, "HAWTIO_PORT", "0",
                "CXONE_HANDOFF_MANAGEMENT_PORT", String.valueOf(managementPort)))) {
            await().atMost(PATIENCE).until(() -> consolePort(app).isPresent());
            consolePort = consolePort(app).orElseThrow();
            await().atMost(PATIENCE).ignoreExceptions().until(() -> ready() == 200);

            assertThat(jolokia(null, "{\"type\":\"version\"}").statusCode()).as("anonymous").isEqualTo(403);
            assertThat(jolokia("wrong-" + password, "{\"type\":\"version\"}").statusCode()).as("wrong password").isEqualTo(403);
            assertThat(login("wrong-" + password)).isEqualTo(403);
            assertThat(login(password)).isEqualTo(200);
            assertThat(jolokia(password, "{\"type\":\"version\"}").statusCode()).isEqualTo(200);

            String control = "org.apache.camel:context=cxone-handoff,type=services,name=EventStreamControl*";
            String stream = search(control);
            assertThat(exec(stream, "suspendEventStream")).isEqualTo(200);
            await().atMost(PATIENCE).until(() -> ready() != 200);
            assertThat(tenant.subscribedSockets()).isZero();
            assertThat(exec(stream, "resumeEventStream")).isEqualTo(200);
            await().atMost(PATIENCE).until(() -> ready() == 200 && tenant.subscribedSockets() == 1);

            assertThat(app.logLines()).noneMatch(line -> line.contains(password));
        }
    }

    private Optional<Integer> consolePort(PackagedIntegration app) throws IOException {
        return app.logLines().stream().map(CONSOLE::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).findFirst();
    }

    private int ready() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int login(String secret) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + secret + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(console("/hawtio/auth/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> jolokia(String secret, String request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(console("/hawtio/jolokia/")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request));
        if (secret != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String search(String pattern) throws IOException, InterruptedException {
        String answer = jolokia(password, "{\"type\":\"search\",\"mbean\":\"" + pattern + "\"}").body();
        Matcher name = Pattern.compile("\"value\":\\[\"([^\"]+)\"").matcher(answer);
        assertThat(name.find()).as(answer).isTrue();
        return name.group(1).replace("\\/", "/");
    }

    private int exec(String mbean, String operation) throws IOException, InterruptedException {
        HttpResponse<String> answer = jolokia(password,
                "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        Matcher status = Pattern.compile("\"status\":(\\d+)").matcher(answer.body());
        assertThat(status.find()).as(answer.body()).isTrue();
        return Integer.parseInt(status.group(1));
    }

    private String console(String path) {
        return "http://127.0.0.1:" + consolePort + path;
    }
}
