package io.cxonehandoff;

import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.RecordedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;

/**
 * Boots the real integration (top-level routes/ and application.properties, as the jar does) against the
 * embedded simulator. Only the connection settings and the stream's timings are overridden.
 */
public abstract class HandoffTestSupport extends CamelMainTestSupport {

    @RegisterExtension
    @Order(0)
    static final SimulatorExtension TENANT = new SimulatorExtension();

    protected static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The route that takes an event from its lane through the decision (NotifyBuilder pattern). */
    protected static final String DECISIONS = "handoff-lanes";

    // no initializer: the Camel test support reads the properties from its constructor, before field initializers run
    private Path dataDir;

    /** The API profile the integration speaks in this test ({@link DfoProfile}; the simulator's mode follows it). */
    protected ApiProfile profile() {
        return getClass().isAnnotationPresent(DfoProfile.class) ? ApiProfile.DFO : ApiProfile.TUTORIAL;
    }

    protected CxoneSimulator simulator() {
        return TENANT.simulator();
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return profile().properties();
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern(profile().routes());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = EmbeddedTenant.connectionProperties(TENANT.simulator());
        // fast reconnects and short retry delays keep the fault tests quick
        properties.setProperty("cxone.stream.reconnect-base-delay-ms", "50");
        properties.setProperty("cxone.stream.reconnect-max-delay-ms", "500");
        properties.setProperty("cxone.retry.initial-delay-ms", "50");
        properties.setProperty("cxone.retry.max-delay-ms", "200");
        // a few lane threads keep each test's context quick to stop; some tests use more
        properties.setProperty("handoff.parallelism", "8");
        // health and metrics on a free port of 127.0.0.1 (tests run beside a running integration)
        properties.setProperty("camel.management.port", "0");
        // durable state of this test only (handed-off ids, dead letters)
        properties.setProperty("handoff.data-dir", dataDir().toString());
        properties.putAll(testProperties());
        return properties;
    }

    /** The most calls the simulator was answering at one time (from each call's arrival to its answer). */
    protected static int mostInFlight(List<RecordedRequest> calls) {
        int most = 0;
        for (RecordedRequest call : calls) {
            Instant at = call.receivedAt();
            most = Math.max(most, (int) calls.stream().filter(r -> !r.receivedAt().isAfter(at) && r.at().isAfter(at)).count());
        }
        return most;
    }

    /** This test's durable state directory, {@code target/test-data/<random>}. */
    protected Path dataDir() {
        if (dataDir == null) {
            dataDir = Path.of("target", "test-data", UUID.randomUUID().toString());
        }
        return dataDir;
    }

    /** Extra override properties of one test class (see {@link #properties(String...)}). */
    protected Properties testProperties() {
        return new Properties();
    }

    /** Catch-up evaluates every chat still with the bot; tests that count calls or handoffs turn it off. */
    protected static final String[] CATCH_UP_OFF = {"handoff.catch-up.enabled", "false"};

    /** Properties from key, value, key, value, ...; arrays among the arguments (e.g. {@link #CATCH_UP_OFF}) are spread. */
    protected static Properties properties(Object... keysAndValues) {
        java.util.List<String> flat = new java.util.ArrayList<>();
        for (Object item : keysAndValues) {
            if (item instanceof String[] pairs) {
                flat.addAll(java.util.List.of(pairs));
            } else {
                flat.add(String.valueOf(item));
            }
        }
        if (flat.size() % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up: " + flat);
        }
        Properties properties = new Properties();
        for (int i = 0; i < flat.size(); i += 2) {
            properties.setProperty(flat.get(i), flat.get(i + 1));
        }
        return properties;
    }

    /** Waits until the integration's socket is authenticated and subscribed. */
    protected void awaitSubscribed() {
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 1);
    }

    /** The value of a micrometer counter (0 when it was never incremented). */
    protected double counter(String name, String... tags) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
