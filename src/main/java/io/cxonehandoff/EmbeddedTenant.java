package io.cxonehandoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.DfoTenant;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded CXone simulator standing in for a tenant, and the connection properties that point the
 * integration at it, for the simulator's API profile ({@code simulator.profile}: tutorial or dfo). The client
 * secret (and in dfo the access key secret) is random per run, so no secret is ever written down.
 */
public final class EmbeddedTenant implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTenant.class);
    /** The secrets a launcher hands to both processes in their environment, never in the settings file. */
    private static final Set<String> SECRETS = Set.of("CXONE_CLIENT_SECRET", "CXONE_ACCESS_KEY_SECRET");
    /** In the dfo profile, how the integration makes the API's base and the event hub's URL from the discovery. */
    static final String DFO_API_URL_TEMPLATE = "http://{domain}";
    static final String DFO_EVENT_HUB_URL_TEMPLATE = "ws://{domain}/event-hub";

    /** The simulator's EventInS3 payloads are served by itself, over plain HTTP on 127.0.0.1 (a real tenant's: https S3). */
    static String s3UrlPattern(CxoneSimulator simulator) {
        // no backslashes: a launcher sources these settings in a shell
        return (simulator.baseUrl() + "/s3/").replace(".", "[.]") + ".+";
    }

    private final CxoneSimulator simulator;

    private EmbeddedTenant(CxoneSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Runs the simulator alone, for {@code camel run} (see {@code bin/camel-run}), until the process is
     * stopped: {@code java -cp target/cxone-handoff.jar io.cxonehandoff.EmbeddedTenant SETTINGS_FILE}.
     * The {@code simulator.*} settings come from {@code application.properties} in the working directory.
     * The client secret it accepts is read from {@code CXONE_CLIENT_SECRET} (the launcher makes a random
     * one and hands it to both processes), so it is never written down or logged; in the dfo profile the access
     * key secret likewise from {@code CXONE_ACCESS_KEY_SECRET}. Once listening, the other connection settings
     * are written to SETTINGS_FILE as {@code CXONE_*=value} lines, in one atomic move, so a launcher can wait
     * for the file and then export them.
     */
    public static void main(String[] args) throws Exception {
        SimulatorSettings settings = settingsFrom("application.properties");
        String secret = System.getenv("CXONE_CLIENT_SECRET");
        String accessKeySecret = System.getenv("CXONE_ACCESS_KEY_SECRET");
        boolean missingAccessKey = settings.isDfo() && (accessKeySecret == null || accessKeySecret.isBlank());
        if (args.length != 1 || secret == null || secret.isBlank() || missingAccessKey) {
            System.err.println("usage: CXONE_CLIENT_SECRET=... " + (settings.isDfo() ? "CXONE_ACCESS_KEY_SECRET=... " : "")
                    + "java -cp target/cxone-handoff.jar " + EmbeddedTenant.class.getName() + " SETTINGS_FILE");
            System.exit(2);
        }
        settings.clientSecret(secret);
        if (settings.isDfo()) {
            settings.accessKeySecret(accessKeySecret);
        }
        CxoneSimulator simulator = new CxoneSimulator(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "simulator-shutdown"));
        StringBuilder lines = new StringBuilder();
        connectionEnvironment(simulator).entrySet().stream()
                .filter(e -> !SECRETS.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Path target = Path.of(args[0]).toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        stopped.await();
    }

    /** Starts a simulator with the given settings; a random client secret (dfo: and access key secret) is filled in. */
    public static EmbeddedTenant start(SimulatorSettings settings) {
        settings.clientSecret(randomSecret());
        if (settings.isDfo()) {
            settings.accessKeySecret(randomSecret());
        }
        CxoneSimulator simulator = new CxoneSimulator(settings).start();
        String names = settings.isDfo()
                ? "CXONE_API_PROFILE=dfo, CXONE_AUTH_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET, CXONE_ACCESS_KEY_ID, "
                  + "CXONE_ACCESS_KEY_SECRET, CXONE_QUEUE_ID and CXONE_BOT_SKILL_IDS"
                : "CXONE_BASE_URL, CXONE_WS_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET and CXONE_QUEUE_ID";
        // one line (log lines are never split): the first thing an operator should see in this mode
        LOG.warn("SIMULATOR MODE *** no CXone tenant: handoffs go to the embedded CXone simulator at {} *** to connect a "
                 + "tenant set {}", simulator.baseUrl(), names);
        return new EmbeddedTenant(simulator);
    }

    private static String randomSecret() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
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
                // embedded, the simulator speaks the API profile the integration does (CXONE_API_PROFILE)
                .profile(file.getProperty("simulator.profile", ApiProfile.from(System.getenv()).id()).trim())
                .port(Integer.parseInt(file.getProperty("simulator.port", "0")))
                .generatorChatsPerSecond(Double.parseDouble(file.getProperty("simulator.chats-per-second", "2")))
                .generatorHandoffRatio(Double.parseDouble(file.getProperty("simulator.handoff-ratio", "0.3")))
                .generatorMaxMessages(Integer.parseInt(file.getProperty("simulator.max-messages", "250")))
                .latencyMillis(Long.parseLong(file.getProperty("simulator.latency-ms", "0")))
                .agentAssignMillis(Long.parseLong(file.getProperty("simulator.agent-assign-ms", "-1")));
    }

    /** Override properties that connect the integration to this simulator. */
    public Properties connectionProperties() {
        return connectionProperties(simulator);
    }

    /**
     * Override properties that connect the integration to the given simulator (tests use this too), for its
     * profile. Dfo: only the auth URL is given, so the integration discovers the rest (the API's base through
     * {@code cxone.dfo.api-url-template}, the event hub through event-hub-url or its template).
     */
    public static Properties connectionProperties(CxoneSimulator simulator) {
        Properties props = new Properties();
        for (ConnectionSetting setting : connectionSettings(simulator)) {
            if (setting.property() != null) {
                props.setProperty(setting.property(), setting.value());
            }
        }
        return props;
    }

    /** The same settings as the environment variables a launcher sets (CXONE_*), for a child process. */
    public static Map<String, String> connectionEnvironment(CxoneSimulator simulator) {
        Map<String, String> env = new LinkedHashMap<>();
        for (ConnectionSetting setting : connectionSettings(simulator)) {
            env.put(setting.variable(), setting.value());
        }
        return Map.copyOf(env);
    }

    /** One connection setting under both its names: the property the integration reads, the variable a launcher sets. */
    private record ConnectionSetting(String property, String variable, String value) {
    }

    private static List<ConnectionSetting> connectionSettings(CxoneSimulator simulator) {
        List<ConnectionSetting> settings = new ArrayList<>();
        settings.add(new ConnectionSetting("cxone.client-id", "CXONE_CLIENT_ID", simulator.clientId()));
        settings.add(new ConnectionSetting("cxone.client-secret", "CXONE_CLIENT_SECRET", simulator.clientSecret()));
        settings.add(new ConnectionSetting("cxone.queue-id", "CXONE_QUEUE_ID", simulator.queueId()));
        if (!SimulatorSettings.DFO.equals(simulator.profile())) {
            settings.add(new ConnectionSetting("cxone.base-url", "CXONE_BASE_URL", simulator.baseUrl()));
            settings.add(new ConnectionSetting("cxone.ws-url", "CXONE_WS_URL", simulator.wsUrl()));
            return settings;
        }
        DfoTenant dfo = simulator.dfo();
        // the profile only as a variable: an integration in this process has chosen its profile already
        settings.add(new ConnectionSetting(null, "CXONE_API_PROFILE", SimulatorSettings.DFO));
        settings.add(new ConnectionSetting("cxone.dfo.auth-url", "CXONE_AUTH_URL", dfo.authUrl()));
        settings.add(new ConnectionSetting("cxone.dfo.access-key-id", "CXONE_ACCESS_KEY_ID", dfo.accessKeyId()));
        settings.add(new ConnectionSetting("cxone.dfo.access-key-secret", "CXONE_ACCESS_KEY_SECRET", dfo.accessKeySecret()));
        settings.add(new ConnectionSetting("cxone.dfo.bot-skill-ids", "CXONE_BOT_SKILL_IDS", String.valueOf(dfo.botSkillId())));
        // the properties' environment names (application.properties: upper case, dots and dashes as underscores)
        settings.add(new ConnectionSetting("cxone.dfo.api-url-template", "CXONE_DFO_API_URL_TEMPLATE", DFO_API_URL_TEMPLATE));
        settings.add(new ConnectionSetting("cxone.dfo.event-hub-url-template", "CXONE_DFO_EVENT_HUB_URL_TEMPLATE",
                DFO_EVENT_HUB_URL_TEMPLATE));
        settings.add(new ConnectionSetting("cxone.dfo.s3-url-pattern", "CXONE_DFO_S3_URL_PATTERN", s3UrlPattern(simulator)));
        return settings;
    }

    @Override
    public void close() {
        simulator.stop();
    }
}
