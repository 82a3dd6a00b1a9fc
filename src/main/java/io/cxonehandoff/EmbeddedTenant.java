package io.cxonehandoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

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

    /** Starts a simulator with the given settings; a random client secret is filled in. */
    public static EmbeddedTenant start(SimulatorSettings settings) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        settings.clientSecret(HexFormat.of().formatHex(secret));
        CxoneSimulator simulator = new CxoneSimulator(settings).start();
        LOG.info("No CXONE_BASE_URL set: using the embedded CXone simulator at {}", simulator.baseUrl());
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
