package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process CXone tenant implementing the API contract (docs/cxone-api.md) on 127.0.0.1:
 * token, event stream, interaction, catch-up listing, messages, context and transfer (409 once done).
 * Tests create chats, emit events, inject faults and assert on what it recorded; the standalone
 * integration runs it with a chat generator when no tenant is configured.
 */
public final class CxoneSimulator implements AutoCloseable {

    /** Path of the event stream. */
    public static final String EVENTS_PATH = "/interaction/v1/events";

    private static final Logger LOG = LoggerFactory.getLogger(CxoneSimulator.class);

    private final SimulatorSettings settings;
    private final SimulatorRecord record = new SimulatorRecord();
    private final ChatStore chats = new ChatStore(10_000);
    private final FaultPlan faults = new FaultPlan();
    private final TokenRegistry tokens;
    private final TenantRateLimiter rateLimiter;
    private Vertx vertx;
    private HttpServer server;
    private RestApi api;
    private EventSocketHub hub;
    private ChatGenerator generator;

    public CxoneSimulator(SimulatorSettings settings) {
        if (settings.getClientSecret() == null || settings.getClientSecret().isBlank()) {
            throw new IllegalArgumentException("the simulator needs a client secret");
        }
        this.settings = settings;
        this.tokens = new TokenRegistry(settings.getTokenTtlSeconds());
        this.rateLimiter = new TenantRateLimiter(settings.getRateLimitPerSecond());
    }

    /** Starts listening (blocks up to 10 s). */
    public synchronized CxoneSimulator start() {
        vertx = Vertx.vertx();
        hub = new EventSocketHub(vertx, tokens, record);
        api = new RestApi(vertx, settings, chats, tokens, rateLimiter, faults, record);
        Router router = Router.router(vertx);
        router.get(EVENTS_PATH).handler(ctx -> hub.accept(ctx.request()));
        api.mount(router);
        try {
            server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.getPort(), settings.getHost())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("CXone simulator cannot listen on " + settings.getHost() + ":"
                                            + settings.getPort(), e);
        }
        generator = new ChatGenerator(vertx, this, settings);
        generator.start();
        LOG.info("CXone simulator listening on {}", baseUrl());
        return this;
    }

    public synchronized void stop() {
        if (vertx != null) {
            generator.stop();
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Simulator did not close cleanly: {}", e.toString());
            }
            vertx = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        return "http://" + settings.getHost() + ":" + port();
    }

    public String wsUrl() {
        return "ws://" + settings.getHost() + ":" + port() + EVENTS_PATH;
    }

    public String clientId() {
        return settings.getClientId();
    }

    public String clientSecret() {
        return settings.getClientSecret();
    }

    public String queueId() {
        return settings.getQueueId();
    }

    // ---- chats and events ----------------------------------------------------------------------

    public ChatBuilder chat(String interactionId) {
        return new ChatBuilder(interactionId, chats::put);
    }

    ChatBuilder generatedChat(String interactionId) {
        return new ChatBuilder(interactionId, chats::putGenerated);
    }

    /** Sends the chat's current type and state as one event frame to every subscribed socket. */
    public void emitEvent(String interactionId) {
        emitEvent(interactionId, null);
    }

    /** Same, with {@code stateOverride} in the frame (the chat's own state is unchanged). */
    public void emitEvent(String interactionId, String stateOverride) {
        SimulatedChat chat = chats.get(interactionId);
        if (chat == null) {
            throw new IllegalArgumentException("unknown chat " + interactionId);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", chat.type());
        event.put("id", chat.id());
        event.put("state", stateOverride != null ? stateOverride : chat.state());
        event.put("timestamp", Instant.now().toString());
        hub.emit(EventSocketHub.eventFrame(event));
    }

    /** Sends any text frame (malformed-frame tests). */
    public void emitRaw(String text) {
        hub.emit(text);
    }

    public void setChatState(String interactionId, String state) {
        chats.get(interactionId).setState(state);
    }

    /** Later transfers of this chat answer 409. */
    public void markTransferred(String interactionId) {
        chats.get(interactionId).markTransferred();
    }

    // ---- faults: slowness and rate limits ---------------------------------------------------------

    /** Every REST call is answered this much later (ms), the token request aside. */
    public void setLatencyMillis(long ms) {
        api.setLatencyMillis(ms);
    }

    /** How long the token endpoint takes to answer (a slow identity provider); 0 = at once. */
    public void setTokenLatencyMillis(long ms) {
        api.setTokenLatencyMillis(ms);
    }

    /** The tenant's rate limit: beyond it calls answer 429 with Retry-After (0 = no limit). */
    public void setRateLimitPerSecond(double rps) {
        rateLimiter.setRate(rps);
    }

    /** The Retry-After value scripted 429s carry (default {@code 1}; any text, as a broken tenant may send). */
    public void setScriptedRetryAfter(String value) {
        api.setScriptedRetryAfter(value);
    }

    // ---- faults: scripted answers -----------------------------------------------------------------

    /** The next {@code count} calls of {@code operation} answer {@code status}. */
    public void failNext(Operation operation, int count, int status) {
        faults.failNext(operation, count, status);
    }

    /** ... answer 200 with a body that is not JSON. */
    public void garbleNext(Operation operation, int count) {
        failNext(operation, count, FaultPlan.GARBLED);
    }

    /** ... (TOKEN included) answer in the given broken way. */
    public void misbehaveNext(Operation operation, int count, Misbehaviour misbehaviour) {
        failNext(operation, count, misbehaviour.code());
    }

    /** From now on each call of {@code operation} answers {@code status} with probability {@code ratio}. */
    public void failRandomly(Operation operation, double ratio, int status) {
        faults.failRandomly(operation, ratio, status);
    }

    /** Back to a healthy tenant: no latency, limit or scripted fault; tokens and sockets accepted. */
    public void resetFaults() {
        faults.clear();
        api.setLatencyMillis(settings.getLatencyMillis());
        api.setRejectCredentials(false);
        api.setScriptedRetryAfter("1");
        api.setTokenLatencyMillis(0);
        rateLimiter.setRate(settings.getRateLimitPerSecond());
        tokens.setTtlSeconds(settings.getTokenTtlSeconds());
        hub.setAcceptAuthentication(true);
    }

    // ---- faults: tokens and the event stream ------------------------------------------------------

    /** Every token issued so far answers 401 from now on (a tenant that revoked them). */
    public void revokeAllTokens() {
        tokens.revokeAll();
    }

    /** Tokens issued from now on live this long. */
    public void setTokenTtlSeconds(int seconds) {
        tokens.setTtlSeconds(seconds);
    }

    /** While true, the token endpoint refuses the client credentials (401). */
    public void setRejectCredentials(boolean reject) {
        api.setRejectCredentials(reject);
    }

    /**
     * Drops every stream connection: abruptly (the TCP connection closes without a close frame, the client
     * sees 1006) or with a 1011 close frame.
     */
    public void dropConnections(boolean abrupt) {
        hub.drop(abrupt);
    }

    /** While false, the stream refuses every authentication (and closes with 4001). */
    public void setAcceptAuthentication(boolean accept) {
        hub.setAcceptAuthentication(accept);
    }

    // ---- record ----------------------------------------------------------------------------------

    public List<Transfer> acceptedTransfers() {
        return record.transfers();
    }

    public List<Transfer> transfersFor(String interactionId) {
        return record.transfers().stream().filter(t -> t.interactionId().equals(interactionId)).toList();
    }

    public List<ContextPatch> contextPatches() {
        return record.contextPatches();
    }

    public int tokenRequests() {
        return record.tokenRequests();
    }

    public List<String> authenticatedTokens() {
        return record.authenticatedTokens();
    }

    public int subscribedSockets() {
        return hub.subscribedSockets();
    }

    public List<RecordedRequest> requests() {
        return record.requests();
    }

    public long count(Operation operation, int status) {
        return record.count(operation, status);
    }

    public int generatedChats() {
        return generator == null ? 0 : generator.generated();
    }
}
