package io.cxonehandoff.packaged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The class-data archive the container image is built with (bin/class-data-archive, as the Dockerfile runs it): the
 * training run makes one, and a jar started from it maps it and hands chats off as without it.
 */
class ClassDataArchiveIT {

    private final Path work = Path.of("target", "it-data", UUID.randomUUID().toString());
    private final Path archive = work.resolve("cxone-handoff.jsa");
    private final Path logs = Path.of("target", "it-logs");

    @Test
    void aJarStartedFromTheTrainedArchiveMapsItAndHandsChatsOff() throws Exception {
        Files.createDirectories(work);
        Files.createDirectories(logs);
        ProcessBuilder training = new ProcessBuilder("bash", "bin/class-data-archive",
                Path.of("target", "cxone-handoff.jar").toString(), archive.toString());
        withoutTenantSettings(training);
        Process trainer = training.redirectErrorStream(true).redirectOutput(logs.resolve("class-data-training.log").toFile()).start();
        try {
            assertThat(trainer.waitFor(180, TimeUnit.SECONDS)).as("the training run ends").isTrue();
        } finally {
            trainer.destroyForcibly();
        }
        assertThat(trainer.exitValue()).as(String.join("\n", Files.readAllLines(logs.resolve("class-data-training.log")))).isZero();
        assertThat(Files.size(archive)).as("archive size").isGreaterThan(1_000_000);

        Path log = logs.resolve("class-data-start.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + archive, "-jar", Path.of("target", "cxone-handoff.jar").toString());
        withoutTenantSettings(builder);
        builder.environment().put("CXONE_HANDOFF_DATA_DIR", work.resolve("data").toString());
        builder.environment().put("CXONE_HANDOFF_MANAGEMENT_PORT", "0");
        Process jar = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readAllLines(log).stream()
                    .anyMatch(line -> line.matches(".*Handoff interaction=\\S+ .*outcome=transferred.*")));
            // mapped, not refused: a JVM that refuses an archive (another JDK, other jars) runs without it and warns
            assertThat(Files.readString(Path.of("/proc", String.valueOf(jar.pid()), "maps"))).contains(archive.getFileName().toString());
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).noneMatch(line -> line.contains("ERROR"));
            assertThat(lines).noneMatch(line -> line.contains("[cds]") || line.contains("shared archive"));
        } finally {
            jar.destroy();
            if (!jar.waitFor(30, TimeUnit.SECONDS)) {
                jar.destroyForcibly();
            }
        }
    }

    private static void withoutTenantSettings(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(key -> key.startsWith("CXONE_") || key.startsWith("HAWTIO_"));
    }
}
