package io.cxonehandoff.packaged;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console served over HTTPS by the packaged jar from a PKCS12 keystore (HAWTIO_TLS_KEYSTORE): the session
 * cookie is Secure, the allowed origin is the https one, plain HTTP gets no console.
 */
class ConsoleTlsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String password = "pw-" + UUID.randomUUID();
    private final String keystorePassword = "ks-" + UUID.randomUUID();
    private final Path dataDir = Path.of("target", "it-data", UUID.randomUUID().toString());
    private CxoneSimulator tenant;

    @BeforeEach
    void startTenant() {
        tenant = new CxoneSimulator(new SimulatorSettings().clientSecret("it-" + UUID.randomUUID())).start();
    }

    @AfterEach
    void stopTenant() {
        tenant.stop();
    }

    @Test
    void overTlsTheCookieIsSecureAndOnlyTheHttpsOriginMayCall() throws Exception {
        Path keystore = selfSignedKeystore();
        int port = PackagedIntegration.freeLoopbackPort();
        try (PackagedIntegration app = PackagedIntegration.start(tenant, dataDir, "console-tls", Map.of(
                "HAWTIO_USER", "ops", "HAWTIO_PASSWORD", password, "HAWTIO_PORT", String.valueOf(port),
                "HAWTIO_TLS_KEYSTORE", keystore.toAbsolutePath().toString(), "HAWTIO_TLS_KEYSTORE_PASSWORD", keystorePassword,
                "CXONE_HANDOFF_MANAGEMENT_PORT", String.valueOf(PackagedIntegration.freeLoopbackPort())))) {
            await().atMost(PATIENCE).until(() -> app.logLines().stream()
                    .anyMatch(l -> l.contains("Hawtio console at https://127.0.0.1:" + port + "/hawtio")));
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
            String base = "https://127.0.0.1:" + port;

            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/hawtio/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ops\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).as("session cookie over TLS").contains("Secure", "HttpOnly", "SameSite=Strict");
            String session = cookie.split(";")[0];

            assertThat(jolokia(https, base, session, base)).as("the https origin").isEqualTo(200);
            assertThat(jolokia(https, base, session, "http://127.0.0.1:" + port)).as("the plain-http origin").isEqualTo(403);
            assertThat(plainHttp(port)).as("no console over plain HTTP").isNotEqualTo(200);
            assertThat(app.logLines()).noneMatch(l -> l.contains(keystorePassword) || l.contains(password));
        }
    }

    private static int jolokia(HttpClient https, String base, String session, String origin) throws Exception {
        HttpResponse<String> answer = https.send(HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/"))
                .header("Cookie", session).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("status").asInt();
    }

    /** The HTTP status of a plain-HTTP request to the TLS port, or -1 if the connection is refused or closed. */
    private static int plainHttp(int port) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hawtio/"))
                    .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException closed) {
            return -1;
        }
    }

    /** A PKCS12 keystore with a self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool. */
    private Path selfSignedKeystore() throws Exception {
        Files.createDirectories(dataDir);
        Path keystore = dataDir.resolve("console.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", keystorePassword, "-keypass", keystorePassword)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return keystore;
    }

    private SSLContext trusting(Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, keystorePassword.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
