package io.cxonehandoff.packaged;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar runs its simulator only when asked for or when no connection setting is given, says so
 * loudly, and refuses to start on half a tenant configuration.
 */
class StartupModeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private final Path work = Path.of("target", "it-data", UUID.randomUUID().toString());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void halfATenantConfigurationStopsTheStartNamingWhatIsMissing() throws Exception {
        Process jar = start(Map.of("CXONE_BASE_URL", "https://api.example.test", "CXONE_CLIENT_ID", "id"), "half-tenant");

        assertThat(jar.waitFor(30, TimeUnit.SECONDS)).as("exits at start").isTrue();
        assertThat(jar.exitValue()).isEqualTo(2);
        List<String> errors = log("half-tenant").stream().filter(line -> line.contains("ERROR")).toList();
        assertThat(errors).singleElement().asString()
                .contains("CXone connection settings incomplete: set CXONE_WS_URL, CXONE_CLIENT_SECRET, CXONE_QUEUE_ID");
        assertThat(log("half-tenant")).noneMatch(line -> line.contains("simulator listening"));
    }

    @Test
    void withoutConnectionSettingsTheSimulatorRunsAndSaysSo() throws Exception {
        int port = PackagedIntegration.freeLoopbackPort();
        Process jar = start(Map.of("CXONE_HANDOFF_MANAGEMENT_PORT", String.valueOf(port)), "simulator-mode");
        try {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> health(port).statusCode() == 200);
            assertThat(health(port).body()).contains("\"mode\":\"simulator\"");
            assertThat(log("simulator-mode")).anyMatch(line -> line.contains("WARN") && line.contains("SIMULATOR MODE"));
        } finally {
            jar.destroy();
            if (!jar.waitFor(30, TimeUnit.SECONDS)) {
                jar.destroyForcibly();
            }
        }
    }

    @Test
    void withOnlyTheDfoProfileChosenTheSimulatorSpeaksDfoAndTheJarHandsCasesOff() throws Exception {
        int port = PackagedIntegration.freeLoopbackPort();
        Process jar = start(Map.of("CXONE_API_PROFILE", "dfo", "CXONE_HANDOFF_MANAGEMENT_PORT", String.valueOf(port)), "dfo-simulator-mode");
        try {
            // the simulator's generator: bot cases whose custom fields change as their conversations go, some needing a handoff
            await().atMost(Duration.ofSeconds(90)).until(() -> log("dfo-simulator-mode").stream()
                    .anyMatch(line -> line.matches(".*Handoff interaction=\\S+ reason=\\S+ .*history=\\d+ outcome=transferred.*")));
            List<String> lines = log("dfo-simulator-mode");
            assertThat(lines).anyMatch(line -> line.contains("WARN") && line.contains("SIMULATOR MODE")
                                               && line.contains("CXONE_API_PROFILE=dfo"));
            assertThat(lines).anyMatch(line -> line.contains("CXone simulator (dfo profile) listening"));
            assertThat(lines).anyMatch(line -> line.contains("CXone token endpoint discovered"));
            assertThat(lines).anyMatch(line -> line.contains("Event stream connected") && line.contains("/event-hub"));
            assertThat(lines).noneMatch(line -> line.contains("ERROR"));
            assertThat(health(port).body()).contains("\"mode\":\"simulator\"");
        } finally {
            jar.destroy();
            if (!jar.waitFor(30, TimeUnit.SECONDS)) {
                jar.destroyForcibly();
            }
        }
    }

    @Test
    void halfADfoConfigurationStopsTheStartNamingWhatIsMissing() throws Exception {
        Process jar = start(Map.of("CXONE_API_PROFILE", "dfo", "CXONE_CLIENT_ID", "id", "CXONE_QUEUE_ID", "5001"), "half-dfo");

        assertThat(jar.waitFor(30, TimeUnit.SECONDS)).as("exits at start").isTrue();
        assertThat(jar.exitValue()).isEqualTo(2);
        assertThat(log("half-dfo").stream().filter(line -> line.contains("ERROR")).toList()).singleElement().asString()
                .contains("CXone connection settings incomplete for CXONE_API_PROFILE=dfo: set CXONE_CLIENT_SECRET, "
                          + "CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET, CXONE_BOT_SKILL_IDS");
        assertThat(log("half-dfo")).noneMatch(line -> line.contains("simulator listening"));
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "cxone-handoff.jar").toString());
        builder.environment().keySet().removeIf(key -> key.startsWith("CXONE_"));
        builder.environment().put("CXONE_HANDOFF_DATA_DIR", work.toString());
        builder.environment().put("CXONE_HANDOFF_MANAGEMENT_PORT", "0");
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private List<String> log(String name) throws IOException {
        return Files.readAllLines(Path.of("target", "it-logs", name + ".log"));
    }

    private HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready?data=true")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
