package io.cxonehandoff;

import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.RecordedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.component.seda.SedaEndpoint;
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
        if (profile() == ApiProfile.DFO) {
            // the reconciliation runs at every (re)connect and when a test asks (reconcile()); a test that wants the
            // periodic one sets its interval
            properties.setProperty("handoff.catch-up.interval-ms", "3600000");
        }
        properties.putAll(testProperties());
        if (profile() == ApiProfile.DFO && "false".equals(properties.getProperty("handoff.catch-up.enabled"))) {
            // in dfo the reconciliation is how cases get watched (subscribed): CATCH_UP_OFF means only the periodic one
            properties.setProperty("handoff.catch-up.enabled", "true");
        }
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

    /**
     * Catch-up evaluates every chat still with the bot; tests that count calls or handoffs turn it off. In the dfo
     * profile the reconciliation is also how cases get watched: there it keeps running at (re)connects and on
     * {@link #reconcile()}, never on its own timer.
     */
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

    /**
     * Matches once {@code count} decisions (events through {@link #DECISIONS}) of these interactions are done; others'
     * do not count (in dfo a reconciliation queues every bot case of the test class's simulator).
     */
    protected NotifyBuilder decisionsOf(int count, String... ids) {
        List<String> of = List.of(ids);
        return new NotifyBuilder(context).fromRoute(DECISIONS)
                .filter(exchange -> of.contains(exchange.getProperty("interactionId", String.class))).whenDone(count).create();
    }

    /** Whether no event waits in a lane and none is being decided. */
    protected boolean lanesIdle() {
        ShutdownAware lanes = (ShutdownAware) context.getRoute(DECISIONS).getConsumer();
        return lanes.getPendingExchangesSize() == 0 && context.getInflightRepository().size(DECISIONS) == 0;
    }

    /** Waits until the integration's socket is authenticated and subscribed. */
    protected void awaitSubscribed() {
        await().atMost(PATIENCE).until(() -> simulator().subscribedSockets() == 1);
    }

    // ---- the same test in either profile -------------------------------------------------------------------------

    /** Asks for a reconciliation (catch-up) now, as every (re)connect and every {@code handoff.catch-up.interval-ms} do. */
    protected void reconcile() {
        template.sendBody("seda:catch-up-requests?size=1&discardWhenFull=true", null);
    }

    /**
     * Makes the chats' live events reach the integration. Tutorial: nothing to do, the stream sends every event.
     * Dfo: the events of a case come only once it is subscribed, which the reconciliation does for each bot case it
     * finds: each chat is created as a bot case the bot copes with (confident, nothing asked), a reconciliation runs,
     * and this waits until every case is subscribed. The test then creates the chat as it means it (which replaces
     * the case) and emits its event.
     */
    protected void makeWatched(String... ids) {
        if (profile() != ApiProfile.DFO) {
            return;
        }
        awaitSubscribed();
        for (String id : ids) {
            simulator().chat(id).confidence(0.9).userRequestedTransfer(false).create();
        }
        reconcile();
        await().atMost(PATIENCE).until(() -> Arrays.stream(ids).allMatch(simulator().dfo()::isSubscribed));
        awaitReconciled();
    }

    /** Waits until no reconciliation (catch-up) runs or waits to run. */
    protected void awaitReconciled() {
        SedaEndpoint requests = context.getEndpoint("seda:catch-up-requests?size=1&discardWhenFull=true", SedaEndpoint.class);
        await().atMost(PATIENCE).until(() -> requests.getCurrentQueueSize() == 0
                                             && context.getInflightRepository().size("catch-up") == 0);
    }

    /** A frame of the profile's shape announcing an event of interaction {@code id}, with the bot. */
    protected String eventFrame(String id) {
        return profile() == ApiProfile.DFO
                ? "{\"eventType\":\"MessageAddedIntoCase\",\"data\":{\"case\":{\"id\":\"" + id + "\",\"status\":\"open\"}}}"
                : "{\"type\":\"webchat\",\"id\":\"" + id + "\",\"state\":\"bot_active\"}";
    }

    /** A frame of the profile's shape that becomes an event the lanes pass over at once (not the bot's: no call). */
    protected String ignoredEventFrame(String id) {
        return profile() == ApiProfile.DFO
                ? "{\"eventType\":\"CaseStatusChanged\",\"data\":{\"case\":{\"id\":\"" + id + "\",\"status\":\"closed\"}}}"
                : "{\"type\":\"email\",\"id\":\"" + id + "\",\"state\":\"bot_active\"}";
    }

    /** The event the lanes take (as {@code direct:queue-event} gets it) for interaction {@code id}, with the bot. */
    protected Map<String, Object> queuedEvent(String id) {
        return profile() == ApiProfile.DFO
                ? Map.of("type", "case", "id", id, "state", "open")
                : Map.of("type", "webchat", "id", id, "state", "bot_active");
    }

    /** A state (dfo: status) in which the bot has the chat, as events and dead letters show it. */
    protected String withBotState() {
        return profile() == ApiProfile.DFO ? "open" : "bot_active";
    }

    /**
     * How many messages the chat's handoff carried: tutorial: the transfer's preserved history; dfo: the messages
     * the handoff summary counts (the transcript stays on the case, the summary is written from all of it).
     */
    protected int handedOffMessages(String id) {
        return handedOffMessages(simulator(), id);
    }

    /** The same, for any simulator (a packaged jar's test). */
    public static int handedOffMessages(CxoneSimulator simulator, String id) {
        if (!"dfo".equals(simulator.profile())) {
            return simulator.transfersFor(id).get(0).preservedHistoryCount();
        }
        String summary = simulator.dfo().customFields(id).get("handoff_summary");
        Matcher counts = Pattern.compile("messages: customer (\\d+), bot (\\d+), agent (\\d+)").matcher(summary == null ? "" : summary);
        if (!counts.find()) {
            throw new AssertionError("no handoff summary on case " + id + ": " + summary);
        }
        return Integer.parseInt(counts.group(1)) + Integer.parseInt(counts.group(2)) + Integer.parseInt(counts.group(3));
    }

    /** The value of a micrometer counter (0 when it was never incremented). */
    protected double counter(String name, String... tags) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
