package io.cxonehandoff.stream;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;

import io.cxonehandoff.ApiProfile;
import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CXone is down when the integration starts: it starts anyway and connects once CXone is back (dfo:
 * {@code DfoUnreachableAtStartTest}, where even discovery waits for it).
 */
class UnreachableAtStartTest extends CamelMainTestSupport {

    private static final String SECRET = "late-secret";
    private static final String KEY_SECRET = "late-key-secret";
    private int port;
    private CxoneSimulator lateTenant;

    protected ApiProfile profile() {
        return ApiProfile.TUTORIAL;
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
        port = freePort();
        // the simulator's settings once it is up, on a port where nothing listens yet
        SimulatorSettings settings = settings();
        Properties properties = new Properties();
        properties.setProperty("cxone.client-id", settings.getClientId());
        properties.setProperty("cxone.client-secret", SECRET);
        properties.setProperty("cxone.queue-id", settings.getQueueId());
        if (profile() == ApiProfile.DFO) {
            // what EmbeddedTenant.connectionProperties gives once it is up: the rest is discovered
            properties.setProperty("cxone.dfo.auth-url", "http://127.0.0.1:" + port);
            properties.setProperty("cxone.dfo.access-key-id", settings.getAccessKeyId());
            properties.setProperty("cxone.dfo.access-key-secret", KEY_SECRET);
            properties.setProperty("cxone.dfo.bot-skill-ids", String.valueOf(settings.getBotSkillId()));
            properties.setProperty("cxone.dfo.api-url-template", "http://{domain}");
            properties.setProperty("cxone.dfo.event-hub-url-template", "ws://{domain}/event-hub");
            // the case is found by the reconciliation (its events come once it is subscribed)
            properties.setProperty("handoff.catch-up.interval-ms", "500");
        } else {
            properties.setProperty("cxone.base-url", "http://127.0.0.1:" + port);
            properties.setProperty("cxone.ws-url", "ws://127.0.0.1:" + port + "/interaction/v1/events");
        }
        properties.setProperty("cxone.stream.reconnect-base-delay-ms", "50");
        properties.setProperty("cxone.stream.reconnect-max-delay-ms", "300");
        properties.setProperty("handoff.data-dir", "target/test-data/" + java.util.UUID.randomUUID());
        return properties;
    }

    private SimulatorSettings settings() {
        SimulatorSettings settings = new SimulatorSettings().port(port).clientSecret(SECRET);
        return profile() == ApiProfile.DFO ? settings.profile(SimulatorSettings.DFO).accessKeySecret(KEY_SECRET) : settings;
    }

    @AfterEach
    void stopTenant() {
        if (lateTenant != null) {
            lateTenant.stop();
        }
    }

    @Test
    void startsWithoutCxoneAndConnectsWhenItComesUp() {
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("cxone-event-stream")).isEqualTo(ServiceStatus.Started);

        lateTenant = new CxoneSimulator(settings()).start();

        await().atMost(Duration.ofSeconds(20)).until(() -> lateTenant.subscribedSockets() == 1);
        lateTenant.chat("late").confidence(0.1).messages(2).create();
        lateTenant.emitEvent("late");
        await().atMost(Duration.ofSeconds(20)).until(() -> lateTenant.transfersFor("late").size() == 1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
