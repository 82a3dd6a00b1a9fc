package io.cxonehandoff.packaged;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.EmbeddedTenant;
import io.cxonehandoff.simulator.CxoneSimulator;

/**
 * The packaged jar run as a user runs it ({@code java -jar target/cxone-handoff.jar} from the repository
 * root), pointed at a test's simulator through the environment. Output goes to a log file per run.
 */
final class PackagedIntegration implements AutoCloseable {

    private final Process process;
    private final Path log;

    private PackagedIntegration(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A port free on 127.0.0.1 just now, for the integration's management server. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    static PackagedIntegration start(CxoneSimulator tenant, Path dataDir, String name) throws IOException {
        return start(tenant, dataDir, name, Map.of());
    }

    /** As {@link #start(CxoneSimulator, Path, String)}, with more environment variables. */
    static PackagedIntegration start(CxoneSimulator tenant, Path dataDir, String name, Map<String, String> moreEnv)
            throws IOException {
        Path jar = Path.of("target", "cxone-handoff.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run `mvn package` first: " + jar + " is missing");
        }
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.putAll(EmbeddedTenant.connectionEnvironment(tenant));
        env.put("CXONE_HANDOFF_DATA_DIR", dataDir.toString());
        env.put("CXONE_STREAM_RECONNECT_BASE_DELAY_MS", "50");
        env.put("CXONE_STREAM_RECONNECT_MAX_DELAY_MS", "500");
        env.put("CXONE_HANDOFF_MANAGEMENT_PORT", "0");
        env.putAll(moreEnv);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        return new PackagedIntegration(builder.start(), log);
    }

    /** SIGKILL: no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code, or -1 if it did not stop in time. */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Sends a signal by name (STOP, CONT), as {@code kill -STOP pid}: pauses or resumes the whole process. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // a paused process (SIGSTOP) dies of SIGKILL too
            kill();
        }
    }
}
