package io.cxonehandoff.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator keeps the API contract the integration is tested against. */
class CxoneSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private CxoneSimulator simulator;

    @BeforeEach
    void start() {
        simulator = new CxoneSimulator(new SimulatorSettings().clientSecret("s3cret")).start();
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    @Test
    void issuesTokensOnlyForTheRightCredentials() throws Exception {
        assertThat(token("s3cret").statusCode()).isEqualTo(200);
        assertThat(token("wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/v2/interactions/x", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(simulator.tokenRequests()).isEqualTo(2);
    }

    @Test
    void pagesMessagesByOneHundred() throws Exception {
        simulator.chat("c").messages(250).create();
        String bearer = bearer();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            var page = JSON.readValue(get("/api/v2/interactions/c/messages?limit=100"
                                          + (cursor == null ? "" : "&cursor=" + cursor), bearer).body(), Map.class);
            sizes.add(((List<?>) page.get("entities")).size());
            cursor = (String) page.get("nextPageToken");
        } while (cursor != null);
        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(get("/api/v2/interactions/c/messages?cursor=bogus", bearer).statusCode()).isEqualTo(400);
    }

    @Test
    void absentAndNullScoresDiffer() throws Exception {
        simulator.chat("absent").confidenceAbsent().create();
        simulator.chat("null").confidence(null).create();
        String bearer = bearer();
        assertThat(get("/api/v2/interactions/absent", bearer).body()).doesNotContain("bot_confidence_score");
        assertThat(get("/api/v2/interactions/null", bearer).body()).contains("\"bot_confidence_score\":null");
        assertThat(get("/api/v2/interactions/none", bearer).statusCode()).isEqualTo(404);
    }

    @Test
    void transfersOnceThenAnswersConflict() throws Exception {
        simulator.chat("t").create();
        String bearer = bearer();
        String body = "{\"target\":{\"type\":\"queue\",\"id\":\"q\"},\"context\":{\"handoff_reason\":\"r\","
                      + "\"preserved_history_count\":0},\"history\":[]}";
        assertThat(post("/api/v2/interactions/t/transfer", bearer, body).statusCode()).isEqualTo(200);
        assertThat(post("/api/v2/interactions/t/transfer", bearer, body).statusCode()).isEqualTo(409);
        assertThat(simulator.transfersFor("t")).hasSize(1);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterBeyondASmallBurst() throws Exception {
        simulator.chat("r").create();
        simulator.setRateLimitPerSecond(10); // burst of 1
        String bearer = bearer();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(get("/api/v2/interactions/r", bearer));
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void scriptedFaultsComeFirst() throws Exception {
        simulator.chat("f").create();
        simulator.failNext(Operation.GET_INTERACTION, 2, 503);
        String bearer = bearer();
        assertThat(get("/api/v2/interactions/f", bearer).statusCode()).isEqualTo(503);
        assertThat(get("/api/v2/interactions/f", bearer).statusCode()).isEqualTo(503);
        assertThat(get("/api/v2/interactions/f", bearer).statusCode()).isEqualTo(200);
        assertThat(simulator.count(Operation.GET_INTERACTION, 503)).isEqualTo(2);
    }

    private String bearer() throws Exception {
        return (String) JSON.readValue(token("s3cret").body(), Map.class).get("access_token");
    }

    private HttpResponse<String> token(String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=simulator&client_secret=" + secret + "&scope=x"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
