package io.cxonehandoff.packaged;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Hawtio console of the packaged jar, over HTTP as the console's own pages use it (docs/console.md): the
 * access policy Jolokia loads, what the operator is refused (whatever could own the JVM or read a secret) and
 * what still works for them, the read-only viewer, origins, POST only, the session cookie and logout. One
 * jar for the class; every test leaves it as it found it. The browser side is ops/hawtio-smoke.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "org.apache.camel:context=cxone-handoff,type=context,name=\\\"cxone-handoff\\\"";
    private static final String ROUTE = "org.apache.camel:context=cxone-handoff,type=routes,name=\\\"handoff\\\"";
    private static final String PROXIED_ORIGIN = "https://console.example.test";

    private final String operator = "ops";
    private final String operatorPassword = "pw-" + UUID.randomUUID();
    private final String viewer = "watcher";
    private final String viewerPassword = "vw-" + UUID.randomUUID();
    private final String clientSecret = "it-" + UUID.randomUUID();
    private final Path dataDir = Path.of("target", "it-data", UUID.randomUUID().toString());
    private final HttpClient http = HttpClient.newHttpClient();
    private CxoneSimulator tenant;
    private PackagedIntegration app;
    private int managementPort;
    private int consolePort;
    private String origin;

    @BeforeAll
    void startTheJarWithAnOperatorAndAViewer() throws Exception {
        tenant = new CxoneSimulator(new SimulatorSettings().clientSecret(clientSecret)).start();
        managementPort = PackagedIntegration.freeLoopbackPort();
        consolePort = PackagedIntegration.freeLoopbackPort();
        origin = "http://127.0.0.1:" + consolePort;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HAWTIO_USER", operator);
        env.put("HAWTIO_PASSWORD", operatorPassword);
        env.put("HAWTIO_VIEWER_USER", viewer);
        env.put("HAWTIO_VIEWER_PASSWORD", viewerPassword);
        env.put("HAWTIO_PORT", String.valueOf(consolePort));
        // as behind a TLS-terminating proxy that is also reachable directly: both origins, forwarded headers
        env.put("HAWTIO_ALLOWED_ORIGINS", origin + "," + PROXIED_ORIGIN);
        env.put("HAWTIO_FORWARDED_HEADERS", "true");
        env.put("CXONE_HANDOFF_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("CXONE_RETRY_MAX_REDELIVERIES", "0"); // one 503 on the transfer makes a dead letter
        app = PackagedIntegration.start(tenant, dataDir, "console", env);
        await().atMost(PATIENCE).until(() -> app.logLines().stream().anyMatch(l -> l.contains("Hawtio console at")));
        await().atMost(PATIENCE).ignoreExceptions().until(() -> ready() == 200);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (app != null) {
            app.close();
        }
        tenant.stop();
    }

    @Test
    void jolokiaLoadsTheAccessPolicyShippedWithTheJar() throws IOException {
        assertThat(app.logLines()).as("the war's Jolokia servlet loaded our policy file")
                .anyMatch(l -> l.contains("jolokia-agent: Using policy access restrictor file:"))
                .noneMatch(l -> l.contains("No access restrictor found"));
    }

    @Test
    void theWarCarriesPatchedJolokiaAndNoJmxProxy() throws IOException {
        try (ZipFile war = new ZipFile("target/hawtio/hawtio.war")) {
            List<String> jolokia = war.stream().map(e -> e.getName()).filter(n -> n.startsWith("WEB-INF/lib/jolokia-")).toList();
            assertThat(jolokia).as("Jolokia 2.4.3 replaced 2.1.1").contains("WEB-INF/lib/jolokia-server-core-2.4.3.jar",
                    "WEB-INF/lib/jolokia-service-jmx-2.4.3.jar").allMatch(n -> n.endsWith("-2.4.3.jar"));
            assertThat(jolokia).as("no JSR-160 proxy, no multicast discovery")
                    .noneMatch(n -> n.contains("jsr160") || n.contains("discovery"));
        }
    }

    @Test
    void noLoginNoJolokia() throws Exception {
        assertThat(post(null, null, "{\"type\":\"version\"}").statusCode()).as("anonymous").isEqualTo(403);
        assertThat(post(null, basic(operator, "wrong-" + operatorPassword), "{\"type\":\"version\"}").statusCode())
                .as("wrong operator password").isEqualTo(403);
        assertThat(post(null, basic(viewer, "wrong-" + viewerPassword), "{\"type\":\"version\"}").statusCode())
                .as("wrong viewer password").isEqualTo(403);
        assertThat(login(operator, "wrong-" + operatorPassword).statusCode()).as("form login, wrong password").isEqualTo(403);
    }

    @Test
    void theOperatorIsRefusedWhatCouldOwnTheJvmOrReadASecret() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        Path heap = dataDir.toAbsolutePath().resolve("heap.hprof");
        Path written = dataDir.toAbsolutePath().resolve("written-by-console.txt");
        Map<String, String> denied = new LinkedHashMap<>();
        denied.put("load an agent jar", exec("com.sun.management:type=DiagnosticCommand", "jvmtiAgentLoad", "\"/tmp/agent.jar\""));
        denied.put("any diagnostic command", exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties"));
        denied.put("dump the heap", exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "\"" + heap + "\",true"));
        denied.put("dump the threads", exec("java.lang:type=Threading", "dumpAllThreads(boolean,boolean)", "true,true"));
        denied.put("read the system properties",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}");
        denied.put("read the JVM's command line",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}");
        denied.put("load classes through an MLet", exec("DefaultDomain:type=MLet", "getMBeansFromURL(java.lang.String)",
                "\"http://127.0.0.1:9/mlet\""));
        denied.put("read the client secret through a bean", exec(CONTEXT, "requestBody(java.lang.String,java.lang.Object)",
                "\"bean:clientCredentials?method=formBody\",\"\""));
        denied.put("fetch a live token", exec(CONTEXT, "requestBody(java.lang.String,java.lang.Object)", "\"direct:cxone-token\",\"\""));
        denied.put("write a file", exec(CONTEXT, "sendBody(java.lang.String,java.lang.Object)",
                "\"file:" + written.getParent() + "?fileName=" + written.getFileName() + "\",\"owned\""));
        denied.put("send a string body", exec(CONTEXT, "sendStringBody(java.lang.String,java.lang.String)", "\"log:x\",\"x\""));
        denied.put("send with headers", exec(CONTEXT, "sendBodyAndHeaders(java.lang.String,java.lang.Object,java.util.Map)",
                "\"log:x\",\"x\",{}"));
        denied.put("request with headers", exec(CONTEXT,
                "requestBodyAndHeaders(java.lang.String,java.lang.Object,java.util.Map)", "\"direct:cxone-token\",\"\",{}"));
        denied.put("create an endpoint", exec(CONTEXT, "createEndpoint(java.lang.String)", "\"file:/tmp\""));
        denied.put("add routes (new code)", exec(CONTEXT, "addOrUpdateRoutesFromXml(java.lang.String)", "\"<routes/>\""));
        denied.put("dump the routes with placeholders resolved", exec(CONTEXT, "dumpRoutesAsXml(boolean)", "true"));
        denied.put("replace a route (new code)", exec(ROUTE, "updateRouteFromXml(java.lang.String)", "\"<route/>\""));
        denied.put("remove a route", exec(ROUTE, "remove()"));
        denied.put("stop the whole context", exec(CONTEXT, "stop()"));
        denied.put("run an operation on an MBean pattern",
                exec("org.apache.camel:context=cxone-handoff,type=routes,*", "stop()"));
        denied.put("write an attribute",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
        for (Map.Entry<String, String> attempt : denied.entrySet()) {
            HttpResponse<String> answer = post(session, null, attempt.getValue());
            assertThat(status(answer)).as("operator: " + attempt.getKey() + " -> " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).as(attempt.getKey()).doesNotContain(clientSecret);
        }
        assertThat(heap).as("no heap dump").doesNotExist();
        assertThat(written).as("no file written").doesNotExist();
        assertThat(route("State")).isEqualTo("Started");
    }

    @Test
    void theJmxProxyMakesNoOutboundConnection() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            HttpResponse<String> answer = post(session, null, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"attribute\":\"HeapMemoryUsage\",\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi\"}}");
            assertThat(status(answer)).as("proxy request: " + answer.body()).isEqualTo(403);
            // the request is answered only after any connection it made: one would be queued by now
            assertThat(listener.accept()).as("no connection to the proxy target").isNull();
        }
        assertThat(http.send(request("/hawtio/proxy/127.0.0.1/9/jolokia/").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("Hawtio's HTTP proxy is off").isIn(403, 404);
    }

    @Test
    void noReadableAttributeShowsASecret() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        await().atMost(PATIENCE).until(() -> !tenant.authenticatedTokens().isEmpty());
        // ignoreErrors: read what may be read, skip the attributes the policy denies (as the console does)
        HttpResponse<String> everything = post(session, null, "{\"type\":\"read\",\"mbean\":\"*:*\",\"config\":{\"ignoreErrors\":true}}");
        assertThat(status(everything)).isEqualTo(200);
        assertThat(everything.body()).as("every readable attribute of every MBean").contains("HandoffStatistics")
                .doesNotContain(clientSecret, operatorPassword, viewerPassword);
        assertThat(tenant.authenticatedTokens()).noneMatch(everything.body()::contains);
    }

    @Test
    void theOperatorPagesStillWork() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        JsonNode routes = value(post(session, null, "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}"));
        assertThat(routes.toString()).as("routes list").contains("name=\\\"handoff\\\"", "name=\\\"cxone-event-stream\\\"");
        String source = value(post(session, null, exec(CONTEXT, "dumpRoutesAsXml()"))).asText();
        assertThat(source).as("route source, placeholders left unresolved").contains("<route", "{{").doesNotContain(clientSecret);
        assertThat(value(post(session, null, exec(ROUTE, "dumpRouteStatsAsXml", "true,true"))).asText())
                .as("route statistics on the diagram").contains("exchangesCompleted");

        assertThat(status(post(session, null, exec(ROUTE, "suspend()")))).isEqualTo(200);
        assertThat(route("State")).isEqualTo("Suspended");
        assertThat(status(post(session, null, exec(ROUTE, "resume()")))).isEqualTo(200);
        assertThat(route("State")).isEqualTo("Started");
        assertThat(status(post(session, null, exec(ROUTE, "stop()")))).isEqualTo(200);
        assertThat(route("State")).isEqualTo("Stopped");
        assertThat(status(post(session, null, exec(ROUTE, "start()")))).isEqualTo(200);
        assertThat(route("State")).isEqualTo("Started");

        // a handoff, then one that fails for good: statistics count them, the dead letter is listed and replayed
        tenant.chat("console-ok").confidence(0.1).messages(3).create();
        tenant.emitEvent("console-ok");
        await().atMost(PATIENCE).until(() -> tenant.transfersFor("console-ok").size() == 1);
        String statistics = search(session, "org.apache.camel:type=services,name=HandoffStatistics*,*");
        await().atMost(PATIENCE).until(() -> value(post(session, null, read(statistics, "Transferred"))).asLong() >= 1);

        String deadLetters = search(session, "org.apache.camel:type=services,name=SharedDeadLetters*,*");
        tenant.chat("console-down").confidence(0.1).messages(3).create();
        tenant.failNext(Operation.TRANSFER, 1, 503);
        tenant.emitEvent("console-down");
        await().atMost(PATIENCE).until(() -> value(post(session, null, exec(deadLetters, "list()"))).size() == 1);
        assertThat(value(post(session, null, exec(deadLetters, "replayAll()"))).asInt()).as("replayed").isEqualTo(1);
        await().atMost(PATIENCE).until(() -> tenant.transfersFor("console-down").size() == 1);
        assertThat(value(post(session, null, exec(deadLetters, "count()"))).asInt()).isZero();

        // suspend and resume the event stream: readiness follows
        String stream = search(session, "org.apache.camel:type=services,name=EventStreamControl*,*");
        assertThat(status(post(session, null, exec(stream, "suspendEventStream()")))).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> ready() != 200);
        assertThat(tenant.subscribedSockets()).isZero();
        assertThat(status(post(session, null, exec(stream, "resumeEventStream()")))).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> ready() == 200 && tenant.subscribedSockets() == 1);
    }

    @Test
    void theViewerReadsButCannotChangeAnything() throws Exception {
        String session = sessionOf(viewer, viewerPassword);
        assertThat(status(post(session, null, read(ROUTE, "State")))).as("viewer reads a route").isEqualTo(200);
        assertThat(value(post(session, null, exec(CONTEXT, "dumpRoutesAsXml()"))).asText()).as("viewer reads the source")
                .contains("<route");
        String statistics = search(session, "org.apache.camel:type=services,name=HandoffStatistics*,*");
        assertThat(status(post(session, null, read(statistics, "Transferred")))).as("viewer reads statistics").isEqualTo(200);
        String deadLetters = search(session, "org.apache.camel:type=services,name=SharedDeadLetters*,*");
        assertThat(status(post(session, null, exec(deadLetters, "list()")))).as("viewer lists dead letters").isEqualTo(200);
        String stream = search(session, "org.apache.camel:type=services,name=EventStreamControl*,*");

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("stop a route", exec(ROUTE, "stop()"));
        refused.put("suspend a route (type in capitals)", exec(ROUTE, "suspend()").replace("\"exec\"", "\"EXEC\""));
        refused.put("suspend the event stream", exec(stream, "suspendEventStream()"));
        refused.put("replay the dead letters", exec(deadLetters, "replayAll()"));
        refused.put("write an attribute", "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
        refused.put("hide a stop in a bulk request", "[" + read(ROUTE, "State") + "," + exec(ROUTE, "stop()") + "]");
        for (Map.Entry<String, String> attempt : refused.entrySet()) {
            HttpResponse<String> answer = post(session, null, attempt.getValue());
            assertThat(answer.statusCode()).as("a policy refusal, not a logout").isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            for (JsonNode one : body.isArray() ? body : List.of(body)) {
                assertThat(one.path("status").asInt()).as("viewer: " + attempt.getKey() + " -> " + answer.body()).isEqualTo(403);
            }
        }
        assertThat(status(post(null, basic(viewer, viewerPassword), exec(ROUTE, "stop()")))).as("viewer over Basic auth")
                .isEqualTo(403);
        assertThat(route("State")).as("nothing changed").isEqualTo("Started");
        assertThat(tenant.subscribedSockets()).isEqualTo(1);
    }

    @Test
    void onlyTheConsolesOwnOriginsMayCall() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        HttpResponse<String> foreign = http.send(jolokia(session, "http://evil.example", "{\"type\":\"version\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status(foreign)).as("foreign Origin refused: " + foreign.body()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).as("not echoed").isEmpty();
        HttpResponse<String> none = http.send(jolokia(session, null, "{\"type\":\"version\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(status(none)).as("strict: no Origin, no Referer -> refused").isEqualTo(403);

        HttpResponse<String> own = post(session, null, "{\"type\":\"version\"}");
        assertThat(status(own)).isEqualTo(200);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        HttpResponse<String> viaReferer = http.send(request("/hawtio/jolokia/").header("Cookie", session)
                .header("Referer", origin + "/hawtio/camel/routes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status(viaReferer)).as("same-origin Referer without Origin").isEqualTo(200);

        HttpResponse<Void> preflight = http.send(request("/hawtio/jolokia/").header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("no CORS for a foreign preflight").isEmpty();
    }

    @Test
    void getRequestsCannotRunOperations() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        String stop = "/hawtio/jolokia/exec/org.apache.camel:context=cxone-handoff,type=routes,name=%22handoff%22/stop()";
        HttpResponse<String> get = http.send(request(stop).header("Cookie", session).header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).as("GET exec with the session cookie").isEqualTo(403);
        HttpResponse<String> query = http.send(request("/hawtio/jolokia/?p=/exec/org.apache.camel:context=cxone-handoff,"
                + "type=routes,name=%22handoff%22/stop()").header("Cookie", session).header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).as("GET exec through ?p=").isEqualTo(403);
        assertThat(route("State")).as("the route still runs").isEqualTo("Started");
    }

    @Test
    void theSessionCookieIsStrictHttpOnlyAndSecureOverTls() throws Exception {
        HttpResponse<String> plain = login(operator, operatorPassword);
        String cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).as("over plain HTTP").contains("JSESSIONID=", "HttpOnly", "SameSite=Strict").doesNotContain("Secure");
        HttpResponse<String> proxied = http.send(request("/hawtio/auth/login").header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/json").POST(credentials(operator, operatorPassword)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).as("behind a TLS proxy")
                .contains("HttpOnly", "SameSite=Strict", "Secure");
        HttpResponse<String> proxiedCall = http.send(HttpRequest.newBuilder(URI.create(console("/hawtio/jolokia/")))
                .header("Cookie", cookieOf(proxied)).header("Origin", PROXIED_ORIGIN).header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status(proxiedCall)).as("the proxy's https origin is allowed").isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String session = sessionOf(operator, operatorPassword);
        assertThat(status(post(session, null, "{\"type\":\"version\"}"))).isEqualTo(200);
        HttpResponse<String> logout = http.send(request("/hawtio/auth/logout").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).as("logout answers (was 500)").isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/hawtio/login"));
        assertThat(post(session, null, "{\"type\":\"version\"}").statusCode()).as("the old cookie no longer works").isEqualTo(403);
    }

    @Test
    void aLoginNeverKeepsTheSessionItCameWith() throws Exception {
        String first = sessionOf(viewer, viewerPassword);
        HttpResponse<String> again = http.send(request("/hawtio/auth/login").header("Cookie", first)
                .header("Content-Type", "application/json").POST(credentials(operator, operatorPassword)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(cookieOf(again)).as("a new session id").isNotEqualTo(first);
        assertThat(post(first, null, "{\"type\":\"version\"}").statusCode()).as("the old one is gone").isEqualTo(403);
        assertThat(app.logLines()).as("no password in the log")
                .noneMatch(l -> l.contains(operatorPassword) || l.contains(viewerPassword) || l.contains(clientSecret));
    }

    @Test
    void errorPagesNameNoExceptionAndNoStackTrace() throws Exception {
        HttpResponse<String> broken = http.send(request("/hawtio/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).as("a login body cut short").isEqualTo(500);
        assertThat(broken.body()).contains("Server Error").doesNotContain("Exception", "at org.", "at io.");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static String exec(String mbean, String operation, String... arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":["
                + String.join(",", arguments) + "]}";
    }

    private static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\"}";
    }

    private String route(String attribute) throws Exception {
        return value(post(null, basic(operator, operatorPassword), read(ROUTE, attribute))).asText();
    }

    /** The one MBean name matching the pattern, quoted for a JSON string. */
    private String search(String session, String pattern) throws Exception {
        JsonNode names = value(post(session, null, "{\"type\":\"search\",\"mbean\":\"" + pattern + "\"}"));
        assertThat(names).as(pattern).hasSize(1);
        return names.get(0).asText().replace("\"", "\\\"");
    }

    private HttpResponse<String> post(String session, String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request("/hawtio/jolokia/").header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(session).ifPresent(s -> builder.header("Cookie", s));
        Optional.ofNullable(authorization).ifPresent(a -> builder.header("Authorization", a));
        return send(builder.build());
    }

    /**
     * Sends once more if the answer's connection was one the server had closed: a refused POST's body is not read, so
     * the server closes that connection after its 403, and the client may take it from its pool for the next request
     * (which then gets no byte back; it never reached the console).
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
            if (closed.getMessage() == null || !closed.getMessage().contains("received no bytes")) {
                throw closed;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private HttpRequest jolokia(String session, String requestOrigin, String body) {
        HttpRequest.Builder builder = request("/hawtio/jolokia/").header("Cookie", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(requestOrigin).ifPresent(o -> builder.header("Origin", o));
        return builder.build();
    }

    private static int status(HttpResponse<String> answer) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("status").asInt();
    }

    private static JsonNode value(HttpResponse<String> answer) throws IOException {
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asInt()).as(answer.body()).isEqualTo(200);
        return body.path("value");
    }

    private HttpResponse<String> login(String user, String secret) throws IOException, InterruptedException {
        return send(request("/hawtio/auth/login").header("Content-Type", "application/json")
                .POST(credentials(user, secret)).build());
    }

    /** A logged-in session's cookie ({@code JSESSIONID=...}). */
    private String sessionOf(String user, String secret) throws IOException, InterruptedException {
        HttpResponse<String> answer = login(user, secret);
        assertThat(answer.statusCode()).as("login of " + user).isEqualTo(200);
        return cookieOf(answer);
    }

    private static String cookieOf(HttpResponse<?> answer) {
        HttpHeaders headers = answer.headers();
        return headers.firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static HttpRequest.BodyPublisher credentials(String user, String secret) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "password", secret)));
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(console(path)));
    }

    private String console(String path) {
        return "http://127.0.0.1:" + consolePort + path;
    }

    private int ready() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
