package io.cxonehandoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded CXone simulator standing in for a tenant, and the connection properties that point the
 * integration at it. The client secret is random per run, so no secret is ever written down.
 */
public final class EmbeddedTenant implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTenant.class);

    private final CxoneSimulator simulator;

    private EmbeddedTenant(CxoneSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Runs the simulator alone, for {@code camel run} (see {@code bin/camel-run}), until the process is
     * stopped: {@code java -cp target/cxone-handoff.jar io.cxonehandoff.EmbeddedTenant SETTINGS_FILE}.
     * The {@code simulator.*} settings come from {@code application.properties} in the working directory.
     * The client secret it accepts is read from {@code CXONE_CLIENT_SECRET} (the launcher makes a random
     * one and hands it to both processes), so it is never written down or logged. Once listening, the
     * other connection settings are written to SETTINGS_FILE as {@code CXONE_*=value} lines, in one
     * atomic move, so a launcher can wait for the file and then export them.
     */
    public static void main(String[] args) throws Exception {
        String secret = System.getenv("CXONE_CLIENT_SECRET");
        if (args.length != 1 || secret == null || secret.isBlank()) {
            System.err.println("usage: CXONE_CLIENT_SECRET=... java -cp target/cxone-handoff.jar "
                    + EmbeddedTenant.class.getName() + " SETTINGS_FILE");
            System.exit(2);
        }
        SimulatorSettings settings = settingsFrom("application.properties").clientSecret(secret);
        CxoneSimulator simulator = new CxoneSimulator(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "simulator-shutdown"));
        StringBuilder lines = new StringBuilder();
        connectionEnvironment(simulator).entrySet().stream()
                .filter(e -> !e.getKey().equals("CXONE_CLIENT_SECRET"))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> lines.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Path target = Path.of(args[0]).toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        stopped.await();
    }

    /** Starts a simulator with the given settings; a random client secret is filled in. */
    public static EmbeddedTenant start(SimulatorSettings settings) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        settings.clientSecret(HexFormat.of().formatHex(secret));
        CxoneSimulator simulator = new CxoneSimulator(settings).start();
        // one line (log lines are never split): the first thing an operator should see in this mode
        LOG.warn("SIMULATOR MODE *** no CXone tenant: handoffs go to the embedded CXone simulator at {} *** to connect a "
                 + "tenant set CXONE_BASE_URL, CXONE_WS_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET and CXONE_QUEUE_ID",
                simulator.baseUrl());
        return new EmbeddedTenant(simulator);
    }

    /** The {@code simulator.*} settings of a properties file; system properties override them. */
    public static SimulatorSettings settingsFrom(String propertiesFile) {
        Properties file = new Properties();
        Path path = Path.of(propertiesFile);
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + path.toAbsolutePath(), e);
            }
        }
        file.putAll(System.getProperties());
        return new SimulatorSettings()
                .port(Integer.parseInt(file.getProperty("simulator.port", "0")))
                .generatorChatsPerSecond(Double.parseDouble(file.getProperty("simulator.chats-per-second", "2")))
                .generatorHandoffRatio(Double.parseDouble(file.getProperty("simulator.handoff-ratio", "0.3")))
                .generatorMaxMessages(Integer.parseInt(file.getProperty("simulator.max-messages", "250")))
                .latencyMillis(Long.parseLong(file.getProperty("simulator.latency-ms", "0")));
    }

    /** Override properties that connect the integration to this simulator. */
    public Properties connectionProperties() {
        return connectionProperties(simulator);
    }

    /** Override properties that connect the integration to the given simulator (tests use this too). */
    public static Properties connectionProperties(CxoneSimulator simulator) {
        Properties props = new Properties();
        props.setProperty("cxone.base-url", simulator.baseUrl());
        props.setProperty("cxone.ws-url", simulator.wsUrl());
        props.setProperty("cxone.client-id", simulator.clientId());
        props.setProperty("cxone.client-secret", simulator.clientSecret());
        props.setProperty("cxone.queue-id", simulator.queueId());
        return props;
    }

    /** The same settings as the environment variables a launcher sets (CXONE_*), for a child process. */
    public static java.util.Map<String, String> connectionEnvironment(CxoneSimulator simulator) {
        return java.util.Map.of(
                "CXONE_BASE_URL", simulator.baseUrl(),
                "CXONE_WS_URL", simulator.wsUrl(),
                "CXONE_CLIENT_ID", simulator.clientId(),
                "CXONE_CLIENT_SECRET", simulator.clientSecret(),
                "CXONE_QUEUE_ID", simulator.queueId());
    }

    @Override
    public void close() {
        simulator.stop();
    }
}
