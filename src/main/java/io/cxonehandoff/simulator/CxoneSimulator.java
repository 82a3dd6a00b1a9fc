package io.cxonehandoff.simulator;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process CXone tenant on 127.0.0.1, speaking one API profile: the tutorial contract (docs/cxone-api.md:
 * token, event stream, interaction, catch-up listing, messages, context and transfer, 409 once done) or CXone's
 * digital API (docs/cxone-dfo.md, {@code SimulatorSettings.profile("dfo")}: the same chats as cases, see
 * {@link DfoTenant}). Tests create chats, emit events, inject faults and assert on what it recorded, with the same
 * calls in both profiles; the standalone integration runs it with a chat generator when no tenant is configured.
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
    private AgentDesk desk;
    private Vertx vertx;
    private HttpServer server;
    private CallGate gate;
    private ApiProfile profile;
    private DfoTenant dfo;
    private ChatSource generator;

    public CxoneSimulator(SimulatorSettings settings) {
        if (settings.getClientSecret() == null || settings.getClientSecret().isBlank()) {
            throw new IllegalArgumentException("the simulator needs a client secret");
        }
        if (settings.isDfo()) {
            checkDfo(settings);
        }
        this.settings = settings;
        this.tokens = new TokenRegistry(settings.getTokenTtlSeconds());
        this.rateLimiter = new TenantRateLimiter(settings.getRateLimitPerSecond());
    }

    private static void checkDfo(SimulatorSettings settings) {
        if (settings.getAccessKeySecret() == null || settings.getAccessKeySecret().isBlank()) {
            throw new IllegalArgumentException("the dfo simulator needs an access key secret");
        }
        int agents;
        try {
            agents = Integer.parseInt(settings.getQueueId());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("in the dfo profile the queue id is the agents' skill id, an integer, not "
                                               + settings.getQueueId());
        }
        if (agents == settings.getBotSkillId() || agents == settings.getOtherSkillId()
            || settings.getBotSkillId() == settings.getOtherSkillId()) {
            throw new IllegalArgumentException("the bot's, the agents' and the other skill ids must differ");
        }
    }

    /** Starts listening (blocks up to 10 s). */
    public synchronized CxoneSimulator start() {
        vertx = Vertx.vertx();
        gate = new CallGate(vertx, tokens, rateLimiter, faults, record, settings.getLatencyMillis());
        desk = new AgentDesk(vertx, settings.getAgentAssignMillis());
        if (settings.isDfo()) {
            dfo = new DfoTenant(vertx, settings, chats, tokens, record, gate, this::baseUrl);
            profile = dfo;
        } else {
            profile = new TutorialProfile(new RestApi(vertx, settings, chats, tokens, faults, record, gate, desk),
                    new EventSocketHub(vertx, tokens, record));
        }
        record.onTransfer(transfer -> {
            SimulatedChat chat = chats.get(transfer.interactionId());
            if (chat != null) {
                desk.transferred(chat);
            }
        });
        desk.onAssigned(chat -> {
            if (dfo != null) {
                dfo.caseEvent(chat.id()).type(CaseEvent.INBOX_ASSIGNEE_CHANGED).emit();
            } else {
                profile.emitEvent(chat, "agent_assigned");
            }
        });
        Router router = Router.router(vertx);
        profile.mount(router);
        try {
            server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.getPort(), settings.getHost())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("CXone simulator cannot listen on " + settings.getHost() + ":"
                                            + settings.getPort(), e);
        }
        generator = settings.isDfo() ? new DfoCaseGenerator(vertx, this, dfo, settings)
                : new ChatGenerator(vertx, this, settings);
        generator.start();
        LOG.info("CXone simulator ({} profile) listening on {}", settings.getProfile(), baseUrl());
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

    /** The event socket: tutorial {@value #EVENTS_PATH}; dfo the event hub (without its query). */
    public String wsUrl() {
        return "ws://" + settings.getHost() + ":" + port() + profile.socketPath();
    }

    /** {@link SimulatorSettings#TUTORIAL} or {@link SimulatorSettings#DFO}. */
    public String profile() {
        return settings.getProfile();
    }

    /** What only the dfo profile has (typed events, EventInS3, framing, subscriptions, write limit, its settings). */
    public DfoTenant dfo() {
        if (dfo == null) {
            throw new IllegalStateException("the simulator runs the " + settings.getProfile() + " profile, not dfo");
        }
        return dfo;
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

    /**
     * Sends the chat as one event. Tutorial: its current type and state to every subscribed socket. Dfo: a
     * MessageAddedIntoCase event with the case to the registered sockets, if the case is subscribed (other event
     * types: {@code dfo().caseEvent(id)}). Events nobody receives are lost.
     */
    public void emitEvent(String interactionId) {
        emitEvent(interactionId, null);
    }

    /** Same, with {@code stateOverride} in the event (dfo: the case's status from it); the chat is unchanged. */
    public void emitEvent(String interactionId, String stateOverride) {
        profile.emitEvent(chats.require(interactionId, "chat"), stateOverride);
    }

    /** Sends any text frame to every socket that receives events (malformed-frame tests). */
    public void emitRaw(String text) {
        profile.hub().emit(text);
    }

    public void setChatState(String interactionId, String state) {
        chats.get(interactionId).setState(state);
    }

    /**
     * The bot's confidence score in the chat changes (a new turn), the rest of the chat as it is (a transferred chat
     * stays transferred); no event: {@link #emitEvent} sends one.
     */
    public void setChatConfidence(String interactionId, Double confidence) {
        chats.get(interactionId).setConfidence(confidence);
    }

    /**
     * An agent hands the chat back to the bot: a new {@code bot_session}, state {@code bot_active}, a transfer
     * possible again; the usual event follows.
     */
    public void handBack(String interactionId) {
        chats.get(interactionId).handBack();
        emitEvent(interactionId);
    }

    /** Later transfers of this chat answer 409 (dfo: the case is in the agents' skill). */
    public void markTransferred(String interactionId) {
        chats.get(interactionId).markTransferred(queueId());
    }

    // ---- faults: slowness and rate limits ---------------------------------------------------------

    /** Every REST call is answered this much later (ms), the token request aside. */
    public void setLatencyMillis(long ms) {
        gate.setLatencyMillis(ms);
    }

    /** How long the token endpoint takes to answer (a slow identity provider); 0 = at once. */
    public void setTokenLatencyMillis(long ms) {
        gate.setTokenLatencyMillis(ms);
    }

    /** The tenant's rate limit: beyond it calls answer 429 with Retry-After (0 = no limit). */
    public void setRateLimitPerSecond(double rps) {
        rateLimiter.setRate(rps);
    }

    /** The Retry-After value scripted 429s carry (default {@code 1}; any text, as a broken tenant may send). */
    public void setScriptedRetryAfter(String value) {
        gate.setScriptedRetryAfter(value);
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

    /** ... (TOKEN included; dfo: DISCOVERY and S3 too) answer in the given broken way. */
    public void misbehaveNext(Operation operation, int count, Misbehaviour misbehaviour) {
        failNext(operation, count, misbehaviour.code());
    }

    /** From now on each call of {@code operation} answers {@code status} with probability {@code ratio}. */
    public void failRandomly(Operation operation, double ratio, int status) {
        faults.failRandomly(operation, ratio, status);
    }

    // ---- the agents: queues' availability, messages to customers, assignment ----------------------------

    /** What {@code GET /api/v2/queues/{queueId}/availability} answers for the queue (default: open, 5 agents, 120 s). */
    public void setQueueAvailability(String queueId, boolean open, int agentsAvailable, int estimatedWaitSeconds, String nextOpen) {
        desk.setAvailability(queueId, new AgentDesk.Availability(open, agentsAvailable, estimatedWaitSeconds, nextOpen));
    }

    /** A tenant without the availability endpoint (404). */
    public void setAvailabilityEndpointMissing(boolean missing) {
        desk.setAvailabilityMissing(missing);
    }

    /** Agents take a transferred chat this long after its transfer (ms), announced by the event agent_assigned; -1: never. */
    public void setAgentAssignMillis(long millis) {
        desk.setAssignAfterMillis(millis);
    }

    /** The messages the integration sent to customers. */
    public List<CustomerMessage> customerMessages() {
        return desk.messages();
    }

    /** The messages sent to one chat's customer. */
    public List<CustomerMessage> customerMessagesFor(String interactionId) {
        return desk.messages().stream().filter(m -> m.interactionId().equals(interactionId)).toList();
    }

    /** Back to a healthy tenant: no latency, limit or scripted fault; tokens and sockets accepted. */
    public void resetFaults() {
        faults.clear();
        gate.setLatencyMillis(settings.getLatencyMillis());
        gate.setScriptedRetryAfter("1");
        gate.setTokenLatencyMillis(0);
        rateLimiter.setRate(settings.getRateLimitPerSecond());
        tokens.setTtlSeconds(settings.getTokenTtlSeconds());
        tokens.setRejectCredentials(false);
        desk.reset(settings.getAgentAssignMillis());
        profile.hub().setAcceptAuthentication(true);
        profile.resetFaults();
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
        tokens.setRejectCredentials(reject);
    }

    /**
     * Drops every stream connection: abruptly (the TCP connection closes without a close frame, the client
     * sees 1006) or with a 1011 close frame.
     */
    public void dropConnections(boolean abrupt) {
        profile.hub().drop(abrupt);
    }

    /** While false, the stream refuses every authentication (dfo: registration) and closes with 4001. */
    public void setAcceptAuthentication(boolean accept) {
        profile.hub().setAcceptAuthentication(accept);
    }

    // ---- record ----------------------------------------------------------------------------------

    /** Accepted transfers (dfo: every routing-queue change, each with its skill as the queue id). */
    public List<Transfer> acceptedTransfers() {
        return record.transfers();
    }

    public List<Transfer> transfersFor(String interactionId) {
        return record.transfers().stream().filter(t -> t.interactionId().equals(interactionId)).toList();
    }

    /** Accepted context writes (dfo: custom-fields PUTs, ident to value). */
    public List<ContextPatch> contextPatches() {
        return record.contextPatches();
    }

    public int tokenRequests() {
        return record.tokenRequests();
    }

    public List<String> authenticatedTokens() {
        return record.authenticatedTokens();
    }

    /** Sockets that receive events: subscribed (dfo: registered). */
    public int subscribedSockets() {
        return profile.hub().readySockets();
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
