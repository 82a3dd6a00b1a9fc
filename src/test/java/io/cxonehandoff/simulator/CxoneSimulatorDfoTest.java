package io.cxonehandoff.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.EmbeddedTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator's dfo profile keeps docs/cxone-dfo.md, seen through plain HTTP and WebSocket clients. */
class CxoneSimulatorDfoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Hub> hubs = new ArrayList<>();
    private CxoneSimulator simulator;

    @BeforeEach
    void start() {
        simulator = new CxoneSimulator(dfoSettings()).start();
    }

    @AfterEach
    void stop() {
        hubs.forEach(Hub::abort);
        simulator.stop();
    }

    private static SimulatorSettings dfoSettings() {
        return new SimulatorSettings().profile("dfo").clientSecret("s3cret").accessKeySecret("key-s3cret");
    }

    // ---- discovery and token --------------------------------------------------------------------------------

    @Test
    void discoveryLeadsFromTheAuthUrlToTheTokenEndpointAndThroughTheTemplateBackToTheSimulator() throws Exception {
        JsonNode openid = JSON.readTree(get("/.well-known/openid-configuration", null).body());
        assertThat(openid.path("token_endpoint").asText()).isEqualTo(simulator.baseUrl() + "/auth/token");

        JsonNode token = JSON.readTree(token("s3cret", "key-s3cret").body());
        String tenantId = claims(token.path("id_token").asText()).path("tenantId").asText();
        JsonNode cxone = JSON.readTree(get("/.well-known/cxone-configuration?tenantId=" + tenantId, null).body());
        assertThat(cxone.path("area").asText()).isEqualTo("sim");
        assertThat("http://{domain}".replace("{domain}", cxone.path("domain").asText())).isEqualTo(simulator.baseUrl());

        assertThat(get("/.well-known/cxone-configuration?tenantId=someone-else", null).statusCode()).isEqualTo(404);
        assertThat(get("/.well-known/cxone-configuration", null).statusCode()).isEqualTo(400);
        assertThat(simulator.count(Operation.DISCOVERY, 200)).isEqualTo(2);
    }

    @Test
    void thePasswordGrantNeedsTheClientAndTheAccessKeyAndAnswersAnIdTokenNamingTenantAndUser() throws Exception {
        HttpResponse<String> granted = token("s3cret", "key-s3cret");
        assertThat(granted.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(granted.body());
        assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.path("expires_in").asInt()).isEqualTo(3600);
        String idToken = answer.path("id_token").asText();
        assertThat(idToken.split("\\.")).hasSize(3);
        JsonNode claims = claims(idToken);
        assertThat(claims.path("tenantId").asText()).isEqualTo(simulator.dfo().tenantId());
        assertThat(claims.path("sub").asText()).isEqualTo("user:" + simulator.dfo().userId());

        assertThat(token("wrong", "key-s3cret").statusCode()).isEqualTo(401);
        assertThat(token("s3cret", "wrong").statusCode()).isEqualTo(401);
        assertThat(post("/auth/token", null, "grant_type=client_credentials", "application/x-www-form-urlencoded")
                .statusCode()).isEqualTo(400);
        simulator.setRejectCredentials(true);
        assertThat(token("s3cret", "key-s3cret").statusCode()).isEqualTo(401);
        assertThat(simulator.tokenRequests()).isEqualTo(5);
        assertThat(get("/dfo/3.0/event-hub-url", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void scriptedFaultsRevocationAndTheTenantLimitWorkOnDfoCallsToo() throws Exception {
        simulator.chat("f").create();
        String bearer = bearer();
        simulator.failNext(Operation.GET_INTERACTION, 1, 503);
        assertThat(get("/dfo/3.0/contacts/f", bearer).statusCode()).isEqualTo(503);
        assertThat(get("/dfo/3.0/contacts/f", bearer).statusCode()).isEqualTo(200);
        simulator.failNext(Operation.TOKEN, 1, 503);
        assertThat(token("s3cret", "key-s3cret").statusCode()).isEqualTo(503);
        simulator.garbleNext(Operation.DISCOVERY, 1);
        assertThat(get("/.well-known/openid-configuration", null).headers().firstValue("Content-Type"))
                .hasValue("text/html");

        simulator.setRateLimitPerSecond(10); // burst of 1
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get("/dfo/3.0/contacts/f", bearer).statusCode());
        }
        assertThat(statuses).contains(429);
        simulator.setRateLimitPerSecond(0);

        simulator.misbehaveNext(Operation.GET_MESSAGES, 1, Misbehaviour.BAD_GZIP);
        assertThat(get("/dfo/3.0/contacts/f/messages", bearer).headers().firstValue("Content-Encoding")).hasValue("gzip");
        simulator.setLatencyMillis(300);
        // timed by the client: the simulator records a call when its answer ends or its connection closes, so the
        // last record need not be this read
        long sent = System.nanoTime();
        assertThat(get("/dfo/3.0/contacts/f", bearer).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        simulator.setLatencyMillis(0);

        simulator.revokeAllTokens();
        assertThat(get("/dfo/3.0/contacts/f", bearer).statusCode()).isEqualTo(401);
        assertThat(simulator.count(Operation.GET_INTERACTION, 503)).isEqualTo(1);

        simulator.setTokenTtlSeconds(1);
        JsonNode shortLived = JSON.readTree(token("s3cret", "key-s3cret").body());
        assertThat(shortLived.path("expires_in").asInt()).isEqualTo(1);
        String expiring = shortLived.path("access_token").asText();
        assertThat(get("/dfo/3.0/contacts/f", expiring).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> get("/dfo/3.0/contacts/f", expiring).statusCode() == 401);
    }

    // ---- the event hub ------------------------------------------------------------------------------------------

    @Test
    void eventHubUrlPointsAtTheHubUnlessMadeToFail() throws Exception {
        String bearer = bearer();
        JsonNode url = JSON.readTree(get("/dfo/3.0/event-hub-url", bearer).body());
        assertThat(url.path("websocketUrl").asText()).isEqualTo(simulator.wsUrl()).endsWith("/event-hub");

        simulator.dfo().setEventHubUrlFault(503);
        assertThat(get("/dfo/3.0/event-hub-url", bearer).statusCode()).isEqualTo(503);
        simulator.dfo().setEventHubUrlFault(200);
        HttpResponse<String> withoutUrl = get("/dfo/3.0/event-hub-url", bearer);
        assertThat(withoutUrl.statusCode()).isEqualTo(200);
        assertThat(withoutUrl.body()).doesNotContain("websocketUrl");
        simulator.resetFaults();
        assertThat(get("/dfo/3.0/event-hub-url", bearer).body()).contains("websocketUrl");
    }

    @Test
    void registrationWithAValidTokenIsAuthorizedAndHeartbeatsArePonged() throws Exception {
        String bearer = bearer();
        Hub hub = connect();
        hub.register(bearer);
        assertThat(hub.next()).isEqualTo("authorized");
        assertThat(simulator.subscribedSockets()).isEqualTo(1);
        assertThat(simulator.authenticatedTokens()).containsExactly(bearer);

        simulator.dfo().setAnswerHeartbeats(false);
        hub.send("{\"action\":\"heartbeat\"}");
        await().atMost(PATIENCE).until(() -> simulator.dfo().heartbeats() == 1);
        simulator.dfo().setAnswerHeartbeats(true);
        hub.send("{\"action\":\"heartbeat\"}");
        assertThat(hub.next()).isEqualTo("pong");
        assertThat(hub.frames).as("the unanswered heartbeat got nothing").isEmpty();

        simulator.dfo().setJsonStringFraming(true);
        hub.send("{\"action\":\"heartbeat\"}");
        assertThat(hub.next()).isEqualTo("\"pong\"");
        Hub quoted = connect();
        quoted.register(bearer);
        assertThat(quoted.next()).isEqualTo("\"authorized\"");
    }

    @Test
    void anythingButAValidRegistrationClosesWith4001() throws Exception {
        String bearer = bearer();
        Hub badToken = connect();
        badToken.register("not-a-token");
        assertThat(badToken.closeCode()).isEqualTo(4001);

        Hub heartbeatFirst = connect();
        heartbeatFirst.send("{\"action\":\"heartbeat\"}");
        assertThat(heartbeatFirst.closeCode()).isEqualTo(4001);

        Hub otherTenant = connect("someone-else", simulator.dfo().userId());
        otherTenant.register(bearer);
        assertThat(otherTenant.closeCode()).isEqualTo(4001);

        simulator.setAcceptAuthentication(false);
        Hub refused = connect();
        refused.register(bearer);
        assertThat(refused.closeCode()).isEqualTo(4001);
        assertThat(simulator.subscribedSockets()).isZero();
    }

    @Test
    void rateLimitExceededIsSentInBandAndCanAnswerARegistration() throws Exception {
        String bearer = bearer();
        simulator.dfo().rateLimitNextRegistrations(1);
        Hub throttled = connect();
        throttled.register(bearer);
        assertThat(throttled.next()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(simulator.subscribedSockets()).isZero();

        Hub hub = registered(bearer);
        simulator.dfo().sendRateLimitExceeded();
        assertThat(hub.next()).isEqualTo("RATE_LIMIT_EXCEEDED");
    }

    @Test
    void connectionsDropWith1011OrAbruptly() throws Exception {
        String bearer = bearer();
        Hub closed = registered(bearer);
        simulator.dropConnections(false);
        assertThat(closed.closeCode()).isEqualTo(1011);

        Hub cut = registered(bearer);
        simulator.dropConnections(true);
        assertThat(cut.closeCode()).isEqualTo(1006);
        assertThat(simulator.subscribedSockets()).isZero();
    }

    // ---- subscriptions and events -------------------------------------------------------------------------------

    @Test
    void eventsReachOnlyTheSubscribersOfACaseAndSubscriptionPostsAreRecorded() throws Exception {
        simulator.chat("watched").confidence(0.2).messages(3).create();
        simulator.chat("unwatched").create();
        String bearer = bearer();
        Hub hub = registered(bearer);

        assertThat(subscribe("watched", bearer).statusCode()).isEqualTo(200);
        assertThat(subscribe("watched", bearer).statusCode()).isEqualTo(200);
        assertThat(subscribe("nobody", bearer).statusCode()).isEqualTo(404);
        assertThat(post("/dfo/3.0/event-hub-subscriptions", bearer, "{\"relationObjectId\":\"watched\"}").statusCode())
                .isEqualTo(400);
        assertThat(simulator.dfo().subscriptionPostsFor("watched")).hasSize(2);
        assertThat(simulator.requests()).filteredOn(r -> r.operation() == Operation.SUBSCRIBE && r.status() == 200)
                .allSatisfy(r -> assertThat(r.interactionId()).isEqualTo("watched"));

        simulator.emitEvent("unwatched"); // lost: nobody subscribed it
        simulator.emitEvent("watched");
        JsonNode event = JSON.readTree(hub.next());
        assertThat(event.path("eventType").asText()).isEqualTo("MessageAddedIntoCase");
        assertThat(event.path("eventId").asText()).isNotBlank();
        assertThat(event.path("createdAtWithMilliseconds").asText()).matches("\\d{4}-.*T.*\\.\\d{3}\\+00:00");
        JsonNode kase = event.path("data").path("case");
        assertThat(kase.path("id").asText()).isEqualTo("watched");
        assertThat(kase.path("status").asText()).isEqualTo("open");
        assertThat(kase.path("routingQueue").path("skillId").asInt()).isEqualTo(4001);
        assertThat(field(kase, "bot_confidence")).isEqualTo("0.2");
        assertThat(event.path("data").path("message").path("id").asText()).isEqualTo("watched-m2");

        simulator.emitEvent("watched", "awaiting_response");
        assertThat(JSON.readTree(hub.next()).path("data").path("case").path("status").asText()).isEqualTo("pending");
        simulator.dfo().caseEvent("watched").type("CaseStatusChanged").status("closed").emit();
        JsonNode changed = JSON.readTree(hub.next());
        assertThat(changed.path("eventType").asText()).isEqualTo("CaseStatusChanged");
        assertThat(changed.path("data").path("case").path("status").asText()).isEqualTo("closed");
        simulator.dfo().caseEvent("watched").type("MessageUpdated").emit();
        assertThat(JSON.readTree(hub.next()).path("eventType").asText()).isEqualTo("MessageUpdated");
        simulator.emitRaw("{not json");
        assertThat(hub.next()).isEqualTo("{not json");
    }

    @Test
    void aSubscriptionEndsAfterItsLifetimeUnlessPostedAgain() throws Exception {
        simulator.chat("short").create();
        simulator.chat("fresh").create();
        String bearer = bearer();
        Hub hub = registered(bearer);
        simulator.dfo().setSubscriptionLifetimeMillis(300);

        subscribe("short", bearer);
        assertThat(simulator.dfo().isSubscribed("short")).isTrue();
        await().atMost(PATIENCE).until(() -> !simulator.dfo().isSubscribed("short"));
        subscribe("fresh", bearer);
        simulator.emitEvent("short"); // lost: its subscription ended
        simulator.emitEvent("fresh");
        assertThat(JSON.readTree(hub.next()).path("data").path("case").path("id").asText()).isEqualTo("fresh");

        subscribe("short", bearer);
        simulator.emitEvent("short");
        assertThat(JSON.readTree(hub.next()).path("data").path("case").path("id").asText()).isEqualTo("short");
    }

    @Test
    void subscriptionsCanBeForgottenOrEndWithTheConnection() throws Exception {
        simulator.chat("c").create();
        String bearer = bearer();
        subscribe("c", bearer);
        simulator.dfo().forgetSubscriptions();
        assertThat(simulator.dfo().isSubscribed("c")).isFalse();

        subscribe("c", bearer);
        simulator.dfo().setSubscriptionsEndWithConnection(true);
        Hub hub = registered(bearer);
        simulator.dropConnections(false);
        assertThat(hub.closeCode()).isEqualTo(1011);
        await().atMost(PATIENCE).until(() -> !simulator.dfo().isSubscribed("c"));
    }

    @Test
    void anEventTooLargeForTheSocketComesAsEventInS3WithItsPayloadServedAtThePreSignedUrl() throws Exception {
        simulator.chat("big").messages(2).create();
        String bearer = bearer();
        Hub hub = registered(bearer);
        subscribe("big", bearer);

        simulator.dfo().caseEvent("big").type("CaseCreated").inS3().emit();

        JsonNode frame = JSON.readTree(hub.next());
        assertThat(frame.path("eventType").asText()).isEqualTo("EventInS3");
        assertThat(frame.path("originEvent").path("eventType").asText()).isEqualTo("CaseCreated");
        String url = frame.path("data").path("s3Object").path("url").asText();
        assertThat(url).startsWith(simulator.baseUrl() + "/s3/");
        HttpResponse<String> payload = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(payload.statusCode()).isEqualTo(200);
        JsonNode event = JSON.readTree(payload.body());
        assertThat(event.path("eventType").asText()).isEqualTo("CaseCreated");
        assertThat(event.path("eventId").asText()).isEqualTo(frame.path("originEvent").path("eventId").asText());
        assertThat(event.path("data").path("case").path("id").asText()).isEqualTo("big");
        assertThat(get("/s3/events/unknown.json", null).statusCode()).isEqualTo(404);
        RecordedRequest fetch = simulator.requests().stream().filter(r -> r.operation() == Operation.S3).findFirst()
                .orElseThrow();
        assertThat(fetch.interactionId()).isEqualTo("big");
        assertThat(fetch.headerNames()).doesNotContain("authorization");
    }

    // ---- cases ----------------------------------------------------------------------------------------------------

    @Test
    void aChatReadsAsACaseWithItsSkillStatusAndCustomFields() throws Exception {
        simulator.chat("low").confidence(0.21).create();
        simulator.chat("asked").userRequestedTransfer(true).create();
        simulator.chat("absent").confidenceAbsent().create();
        simulator.chat("null").confidence(null).create();
        simulator.chat("agent").state("agent_active").create();
        simulator.chat("moved").create();
        simulator.markTransferred("moved");
        simulator.chat("call").type("voice").create();
        simulator.chat("done").state("completed").create();
        String bearer = bearer();

        JsonNode low = JSON.readTree(get("/dfo/3.0/contacts/low", bearer).body());
        assertThat(low.path("status").asText()).isEqualTo("open");
        assertThat(low.path("routingQueue").path("skillId").asInt()).isEqualTo(4001);
        assertThat(low.path("routingQueueId").asText()).matches("[0-9a-f-]{36}")
                .isEqualTo(low.path("routingQueue").path("id").asText());
        assertThat(low.path("inboxAssigneeUser").path("isBotUser").asBoolean()).isTrue();
        assertThat(field(low, "bot_confidence")).isEqualTo("0.21");
        assertThat(field(low, "handoff_requested")).isEqualTo("false");
        assertThat(field(case_("asked", bearer), "handoff_requested")).isEqualTo("true");
        assertThat(get("/dfo/3.0/contacts/absent", bearer).body()).doesNotContain("bot_confidence");
        JsonNode nullScore = case_("null", bearer);
        assertThat(nullScore.toString()).contains("\"ident\":\"bot_confidence\",\"value\":null");
        assertThat(case_("agent", bearer).path("routingQueue").path("skillId").asInt()).isEqualTo(5001);
        assertThat(case_("moved", bearer).path("routingQueue").path("skillId").asInt()).isEqualTo(5001);
        assertThat(case_("call", bearer).path("routingQueue").path("skillId").asInt()).isEqualTo(9999);
        assertThat(case_("done", bearer).path("status").asText()).isEqualTo("closed");
        assertThat(get("/dfo/3.0/contacts/none", bearer).statusCode()).isEqualTo(404);
        assertThat(simulator.queueId()).isEqualTo("5001");
    }

    @Test
    void theSearchFiltersByStatusAndSkillAndScrollsBy25() throws Exception {
        for (int i = 0; i < 30; i++) {
            simulator.chat(String.format("bot-%02d", i)).state(i % 3 == 0 ? "awaiting_response" : "bot_active").create();
        }
        simulator.chat("with-agent").state("agent_active").create();
        simulator.chat("a-call").type("voice").create();
        simulator.chat("finished").state("completed").create();
        String bearer = bearer();
        String query = "/dfo/3.0/contacts?status[]=new&status[]=open&status[]=pending&query="
                       + URLEncoder.encode("skillId IN (4001,4002)", StandardCharsets.UTF_8)
                       + "&sorting=createdAt&sortingType=desc";

        List<String> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = "";
        JsonNode page;
        do {
            page = JSON.readTree(get(query + "&scrollToken=" + token, bearer).body());
            assertThat(page.path("hits").asInt()).isEqualTo(30);
            page.path("data").forEach(c -> ids.add(c.path("id").asText()));
            sizes.add(page.path("data").size());
            token = page.path("scrollToken").asText("");
        } while (page.path("data").size() > 0 && !token.isEmpty());
        assertThat(sizes).containsExactly(25, 5, 0);
        assertThat(ids).hasSize(30).doesNotHaveDuplicates().allMatch(id -> id.startsWith("bot-"));
        assertThat(ids.get(0)).as("newest first").isEqualTo("bot-29");

        JsonNode closed = JSON.readTree(get("/dfo/3.0/contacts?status[]=closed", bearer).body());
        assertThat(closed.path("data")).hasSize(1);
        assertThat(closed.path("data").get(0).path("id").asText()).isEqualTo("finished");
        assertThat(get(query + "&scrollToken=bogus", bearer).statusCode()).isEqualTo(400);
        assertThat(get("/dfo/3.0/contacts?query=" + URLEncoder.encode("DROP TABLE", StandardCharsets.UTF_8), bearer)
                .statusCode()).isEqualTo(400);

        // a scroll is a snapshot: cases that leave the bot meanwhile shift no page, each is shown as it is now
        JsonNode firstPage = JSON.readTree(get(query, bearer).body());
        firstPage.path("data").forEach(c -> simulator.markTransferred(c.path("id").asText()));
        JsonNode secondPage = JSON.readTree(get(query + "&scrollToken=" + firstPage.path("scrollToken").asText(), bearer).body());
        assertThat(secondPage.path("data")).hasSize(5);
        assertThat(secondPage.path("data").get(0).path("id").asText()).isEqualTo("bot-04");
        assertThat(JSON.readTree(get(query, bearer).body()).path("hits").asInt()).as("a new search: the 5 left").isEqualTo(5);

        simulator.dfo().setSearchRepeatsScrollToken(true);
        String first = JSON.readTree(get(query, bearer).body()).path("scrollToken").asText();
        assertThat(JSON.readTree(get(query + "&scrollToken=" + first, bearer).body()).path("scrollToken").asText())
                .isEqualTo(first);
    }

    @Test
    void messagesComeInPagesOf100WithAuthorsAndDirections() throws Exception {
        simulator.chat("long").messages(250).agentMessages(5).create();
        String bearer = bearer();
        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> messages = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = JSON.readTree(get("/dfo/3.0/contacts/long/messages"
                                              + (token == null ? "" : "?scrollToken=" + token), bearer).body());
            sizes.add(page.path("data").size());
            page.path("data").forEach(messages::add);
            token = page.path("scrollToken").isNull() ? null : page.path("scrollToken").asText();
        } while (token != null);
        assertThat(sizes).containsExactly(100, 100, 50);
        JsonNode customer = messages.get(0);
        assertThat(customer.path("direction").asText()).isEqualTo("inbound");
        assertThat(customer.path("authorEndUserIdentity").path("id").asText()).isNotBlank();
        assertThat(customer.path("authorUser").isNull()).isTrue();
        JsonNode bot = messages.get(1);
        assertThat(bot.path("direction").asText()).isEqualTo("outbound");
        assertThat(bot.path("authorUser").path("isBotUser").asBoolean()).isTrue();
        assertThat(bot.path("messageContent").path("text").asText()).isEqualTo("Bot answer 1 in long");
        JsonNode agent = messages.get(5);
        assertThat(agent.path("direction").asText()).isEqualTo("outbound");
        assertThat(agent.path("authorUser").path("isBotUser").asBoolean()).isFalse();
        assertThat(get("/dfo/3.0/contacts/long/messages?scrollToken=bogus", bearer).statusCode()).isEqualTo(400);
        assertThat(simulator.count(Operation.GET_MESSAGES, 200)).isEqualTo(3);

        simulator.chat("stuck").messages(250).repeatingCursor().create();
        String second = JSON.readTree(get("/dfo/3.0/contacts/stuck/messages", bearer).body()).path("scrollToken").asText();
        assertThat(JSON.readTree(get("/dfo/3.0/contacts/stuck/messages?scrollToken=" + second, bearer).body())
                .path("scrollToken").asText()).as("a stuck token").isEqualTo(second);
    }

    @Test
    void messagesCanBeABareArrayOrMissingSoTheDetailIsUsed() throws Exception {
        simulator.chat("c").messages(120).create();
        String bearer = bearer();
        simulator.dfo().setMessagesAsBareArray(true);
        JsonNode bare = JSON.readTree(get("/dfo/3.0/contacts/c/messages", bearer).body());
        assertThat(bare.isArray()).isTrue();
        assertThat(bare).hasSize(120);

        simulator.dfo().setMessagesEndpointMissing(true);
        assertThat(get("/dfo/3.0/contacts/c/messages", bearer).statusCode()).isEqualTo(404);
        JsonNode detail = JSON.readTree(get("/dfo/3.0/contacts/c/detail", bearer).body());
        assertThat(detail.path("id").asText()).isEqualTo("c");
        assertThat(detail.path("messages")).hasSize(120);
        assertThat(simulator.count(Operation.GET_DETAIL, 200)).isEqualTo(1);
    }

    @Test
    void aLongMessageShowsItsStartInTheListAndItsFullTextAlone() throws Exception {
        SimulatedChat chat = simulator.chat("c").messages(4).longMessages(2).create();
        String bearer = bearer();
        JsonNode listed = JSON.readTree(get("/dfo/3.0/contacts/c/messages", bearer).body()).path("data").get(2);
        assertThat(listed.path("hasAdditionalMessageContent").asBoolean()).isTrue();
        String preview = listed.path("messageContent").path("text").asText();
        String full = (String) chat.messages().get(2).get("content");
        assertThat(full.length()).isGreaterThan(1024);
        assertThat(full).startsWith(preview).isNotEqualTo(preview);

        JsonNode alone = JSON.readTree(get("/dfo/3.0/messages/c-m2", bearer).body());
        assertThat(alone.path("messageContent").path("text").asText()).isEqualTo(full);
        assertThat(get("/dfo/3.0/messages/c-m9", bearer).statusCode()).isEqualTo(404);
        assertThat(simulator.requests()).filteredOn(r -> r.operation() == Operation.GET_MESSAGE)
                .allSatisfy(r -> assertThat(r.interactionId()).isEqualTo("c"));
    }

    // ---- writes ---------------------------------------------------------------------------------------------

    @Test
    void customFieldsAreWrittenOnlyForDefinedIdentsAndShortValues() throws Exception {
        simulator.chat("c").create();
        String bearer = bearer();
        HttpResponse<String> written = put("/dfo/3.0/contacts/c/custom-fields", bearer,
                "[{\"ident\":\"handoff_reason\",\"value\":\"low_confidence\"},"
                + "{\"ident\":\"handoff_summary\",\"value\":\"" + "x".repeat(1024) + "\"}]");
        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(simulator.contextPatches()).hasSize(1);
        ContextPatch patch = simulator.contextPatches().get(0);
        assertThat(patch.interactionId()).isEqualTo("c");
        assertThat(patch.attributes()).containsEntry("handoff_reason", "low_confidence").hasSize(2);
        assertThat(field(case_("c", bearer), "handoff_reason")).isEqualTo("low_confidence");
        assertThat(simulator.dfo().customFields("c")).containsEntry("handoff_reason", "low_confidence");

        assertThat(put("/dfo/3.0/contacts/c/custom-fields", bearer, "[{\"ident\":\"undefined\",\"value\":\"v\"}]")
                .statusCode()).isEqualTo(400);
        assertThat(put("/dfo/3.0/contacts/c/custom-fields", bearer,
                "[{\"ident\":\"handoff_summary\",\"value\":\"" + "x".repeat(1025) + "\"}]").statusCode()).isEqualTo(400);
        assertThat(put("/dfo/3.0/contacts/c/custom-fields", bearer, "{\"not\":\"a list\"}").statusCode()).isEqualTo(400);
        assertThat(put("/dfo/3.0/contacts/none/custom-fields", bearer, "[]").statusCode()).isEqualTo(404);
        assertThat(simulator.contextPatches()).hasSize(1);
    }

    @Test
    void aRoutingQueueChangeIsATransferAnsweredWithATraceIdThatItsEventCarries() throws Exception {
        simulator.chat("c").confidence(0.1).create();
        String bearer = bearer();
        Hub hub = registered(bearer);
        subscribe("c", bearer);
        put("/dfo/3.0/contacts/c/custom-fields", bearer, "[{\"ident\":\"handoff_reason\",\"value\":\"low_confidence\"}]");

        HttpResponse<String> moved = put("/dfo/3.0/contacts/c/routing-queue", bearer, "{\"skillId\":5001}");

        assertThat(moved.statusCode()).isEqualTo(200);
        String traceId = moved.headers().firstValue("X-Trace-Id").orElseThrow();
        Transfer transfer = simulator.transfersFor("c").get(0);
        assertThat(transfer.queueId()).isEqualTo(simulator.queueId());
        assertThat(transfer.reason()).isEqualTo("low_confidence");
        assertThat(transfer.preservedHistoryCount()).isEqualTo(-1);
        assertThat(transfer.history()).isEmpty();
        JsonNode event = JSON.readTree(hub.next());
        assertThat(event.path("eventType").asText()).isEqualTo("CaseToRoutingQueueAssignmentChanged");
        assertThat(event.path("traceId").asText()).isEqualTo(traceId);
        assertThat(event.path("data").path("routingQueue").path("skillId").asInt()).isEqualTo(5001);
        assertThat(case_("c", bearer).path("routingQueue").path("skillId").asInt()).isEqualTo(5001);

        assertThat(put("/dfo/3.0/contacts/c/routing-queue", bearer, "{\"skillId\":5001}").statusCode()).isEqualTo(200);
        assertThat(simulator.transfersFor("c")).as("a repeated change is recorded too").hasSize(2);
        assertThat(put("/dfo/3.0/contacts/c/routing-queue", bearer, "{\"skillId\":1234}").statusCode()).isEqualTo(400);
        assertThat(put("/dfo/3.0/contacts/c/routing-queue", bearer, "{\"skillId\":\"5001\"}").statusCode())
                .isEqualTo(400);
        assertThat(simulator.count(Operation.TRANSFER, 200)).isEqualTo(2);
    }

    @Test
    void eachCaseHasItsOwnWriteLimitAnsweringRetryAfter() throws Exception {
        simulator.chat("busy").create();
        simulator.chat("calm").create();
        String bearer = bearer();
        simulator.dfo().setCaseWriteLimit(2, 60);
        String fields = "[{\"ident\":\"handoff_source\",\"value\":\"cxone-handoff\"}]";
        assertThat(put("/dfo/3.0/contacts/busy/custom-fields", bearer, fields).statusCode()).isEqualTo(200);
        assertThat(put("/dfo/3.0/contacts/busy/routing-queue", bearer, "{\"skillId\":5001}").statusCode()).isEqualTo(200);

        HttpResponse<String> limited = put("/dfo/3.0/contacts/busy/custom-fields", bearer, fields);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(put("/dfo/3.0/contacts/calm/custom-fields", bearer, fields).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> put("/dfo/3.0/contacts/busy/custom-fields", bearer, fields).statusCode() == 200);
    }

    // ---- generator and settings ---------------------------------------------------------------------------------

    @Test
    void theGeneratorMakesBotCasesWhoseFieldsTurnToAHandoffAnnouncedByEvents() throws Exception {
        simulator.stop();
        simulator = new CxoneSimulator(dfoSettings().generatorChatsPerSecond(10).generatorHandoffRatio(1.0)
                .generatorMaxMessages(5).generatorTurnMillis(400)).start();
        String bearer = bearer();
        Hub hub = registered(bearer);
        String search = "/dfo/3.0/contacts?status[]=open&query=" + URLEncoder.encode("skillId IN (4001)",
                StandardCharsets.UTF_8);
        await().atMost(PATIENCE).until(() -> simulator.generatedChats() >= 3);
        for (JsonNode kase : JSON.readTree(get(search, bearer).body()).path("data")) {
            subscribe(kase.path("id").asText(), bearer);
        }

        JsonNode event = JSON.readTree(hub.next());
        assertThat(event.path("eventType").asText()).isEqualTo("MessageAddedIntoCase");
        assertThat(event.path("data").path("message").path("direction").asText()).isEqualTo("outbound");
        await().atMost(PATIENCE).until(() -> {
            for (JsonNode kase : JSON.readTree(get(search, bearer).body()).path("data")) {
                String confidence = field(kase, "bot_confidence");
                if (Double.parseDouble(confidence) < 0.35 || "true".equals(field(kase, "handoff_requested"))) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void conversationsThatNeedNoHandoffAreClosedByTheBot() throws Exception {
        simulator.stop();
        simulator = new CxoneSimulator(dfoSettings().generatorChatsPerSecond(10).generatorHandoffRatio(0)
                .generatorMaxMessages(3).generatorTurnMillis(50)).start();
        String bearer = bearer();
        await().atMost(PATIENCE).until(() -> JSON.readTree(get("/dfo/3.0/contacts?status[]=closed", bearer).body())
                .path("hits").asInt() >= 3);
        JsonNode closed = JSON.readTree(get("/dfo/3.0/contacts?status[]=closed", bearer).body()).path("data").get(0);
        assertThat(Double.parseDouble(field(closed, "bot_confidence"))).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void theDfoProfileNeedsAnAccessKeyAndAnIntegerQueueAndAnswersNoTutorialPaths() throws Exception {
        assertThatThrownBy(() -> new CxoneSimulator(new SimulatorSettings().profile("dfo").clientSecret("s")))
                .hasMessageContaining("access key secret");
        assertThatThrownBy(() -> new CxoneSimulator(dfoSettings().queueId("sim-queue")))
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> new SimulatorSettings().profile("genesys")).isInstanceOf(IllegalArgumentException.class);
        assertThat(post("/oauth/token", null, "grant_type=client_credentials", "application/x-www-form-urlencoded")
                .statusCode()).isEqualTo(404);
        CxoneSimulator tutorial = new CxoneSimulator(new SimulatorSettings().clientSecret("s")).start();
        try {
            assertThatThrownBy(tutorial::dfo).isInstanceOf(IllegalStateException.class);
            assertThat(tutorial.queueId()).isEqualTo("sim-queue");
        } finally {
            tutorial.stop();
        }
    }

    @Test
    void theEmbeddedTenantConnectsTheDfoProfileThroughDiscovery(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "simulator.profile=dfo\n");
        assertThat(EmbeddedTenant.settingsFrom(file.toString()).isDfo()).isTrue();

        Properties properties = EmbeddedTenant.connectionProperties(simulator);
        assertThat(properties).containsEntry("cxone.dfo.auth-url", simulator.baseUrl())
                .containsEntry("cxone.dfo.access-key-id", simulator.dfo().accessKeyId())
                .containsEntry("cxone.dfo.access-key-secret", "key-s3cret")
                .containsEntry("cxone.queue-id", "5001")
                .containsEntry("cxone.dfo.bot-skill-ids", "4001")
                .containsEntry("cxone.dfo.api-url-template", "http://{domain}")
                .doesNotContainKey("cxone.base-url");
        String template = properties.getProperty("cxone.dfo.event-hub-url-template");
        assertThat(template.replace("{domain}", simulator.dfo().domain())).isEqualTo(simulator.wsUrl());

        Map<String, String> env = EmbeddedTenant.connectionEnvironment(simulator);
        assertThat(env).containsEntry("CXONE_API_PROFILE", "dfo")
                .containsEntry("CXONE_AUTH_URL", simulator.baseUrl())
                .containsEntry("CXONE_CLIENT_ID", simulator.clientId())
                .containsEntry("CXONE_CLIENT_SECRET", "s3cret")
                .containsEntry("CXONE_ACCESS_KEY_SECRET", "key-s3cret")
                .containsEntry("CXONE_QUEUE_ID", "5001")
                .containsEntry("CXONE_BOT_SKILL_IDS", "4001")
                .containsEntry("CXONE_DFO_API_URL_TEMPLATE", "http://{domain}")
                .doesNotContainKey("CXONE_BASE_URL");
    }

    // ---- clients ------------------------------------------------------------------------------------------------

    private static String field(JsonNode kase, String ident) {
        for (JsonNode field : kase.path("customFields")) {
            if (ident.equals(field.path("ident").asText())) {
                return field.path("value").isNull() ? null : field.path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private JsonNode case_(String id, String bearer) throws Exception {
        return JSON.readTree(get("/dfo/3.0/contacts/" + id, bearer).body());
    }

    private String bearer() throws Exception {
        return JSON.readTree(token("s3cret", "key-s3cret").body()).path("access_token").asText();
    }

    private HttpResponse<String> token(String clientSecret, String accessKeySecret) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("simulator:" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/auth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=simulator-access-key&password="
                                                          + accessKeySecret))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> subscribe(String caseId, String bearer) throws Exception {
        return post("/dfo/3.0/event-hub-subscriptions", bearer,
                "{\"relationObjectId\":\"" + caseId + "\",\"subscriptionType\":\"contact\"}");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return post(path, token, body, "application/json");
    }

    private HttpResponse<String> post(String path, String token, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Hub connect() throws Exception {
        return connect(simulator.dfo().tenantId(), simulator.dfo().userId());
    }

    private Hub connect(String tenantId, String userId) throws Exception {
        Hub hub = new Hub();
        URI uri = URI.create(simulator.wsUrl() + "?tenantId=" + tenantId + "&userId=" + userId);
        hub.ws = http.newWebSocketBuilder().buildAsync(uri, hub).get(10, TimeUnit.SECONDS);
        hubs.add(hub);
        return hub;
    }

    private Hub registered(String bearer) throws Exception {
        Hub hub = connect();
        hub.register(bearer);
        assertThat(hub.next()).isEqualTo("authorized");
        return hub;
    }

    /** An event hub client that keeps every text frame and how the socket ended (1006: without a close frame). */
    private static final class Hub implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        void register(String token) {
            send("{\"action\":\"register\",\"payload\":{\"token\":\"" + token + "\"}}");
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        String next() throws InterruptedException {
            String frame = frames.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(frame).as("a frame within %s", PATIENCE).isNotNull();
            return frame;
        }

        int closeCode() throws Exception {
            try {
                return closed.get(PATIENCE.toSeconds() / 2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException quiet) {
                // a connection cut below the WebSocket shows at the latest when the client next writes on it
                ws.sendText("{\"action\":\"heartbeat\"}", true).exceptionally(e -> {
                    closed.complete(1006);
                    return null;
                });
                return closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }

        void abort() {
            if (ws != null) {
                ws.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
