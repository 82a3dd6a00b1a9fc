package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The simulator's dfo profile (docs/cxone-dfo.md): the same chats as DFO cases, behind discovery, the password
 * grant, the event hub and the DFO REST calls. Tests reach it as {@link CxoneSimulator#dfo()} for what only DFO
 * has (typed events, EventInS3, framing, subscriptions, the per-case write limit); everything else goes through
 * the facade, the same in both profiles.
 */
public final class DfoTenant implements ApiProfile {

    private final SimulatorSettings settings;
    private final ChatStore chats;
    private final CallGate gate;
    private final Supplier<String> baseUrl;
    private final DfoCaseView view;
    private final DfoEvents events;
    private final DfoSubscriptions subscriptions;
    private final DfoEventHub hub;
    private final S3Bucket bucket = new S3Bucket();
    private final CaseWriteLimiter writeLimiter;
    private final DfoAuthApi auth;
    private final DfoCaseApi reads;
    private final DfoCaseWrites writes;
    private final DfoHubApi hubApi;

    DfoTenant(Vertx vertx, SimulatorSettings settings, ChatStore chats, TokenRegistry tokens, SimulatorRecord record,
              CallGate gate, Supplier<String> baseUrl) {
        this.settings = settings;
        this.chats = chats;
        this.gate = gate;
        this.baseUrl = baseUrl;
        this.view = new DfoCaseView(settings);
        this.events = new DfoEvents(view, settings);
        this.subscriptions = new DfoSubscriptions(settings.getSubscriptionLifetimeMillis());
        this.hub = new DfoEventHub(vertx, tokens, record, settings, subscriptions);
        this.writeLimiter = new CaseWriteLimiter(settings.getCaseWriteBurst(), settings.getCaseWritesPerMinute());
        this.auth = new DfoAuthApi(settings, tokens, gate, baseUrl);
        this.reads = new DfoCaseApi(chats, view, gate);
        this.writes = new DfoCaseWrites(settings, chats, view, record, gate, writeLimiter,
                (chat, traceId) -> send(chat, CaseEvent.ROUTING_QUEUE_CHANGED, null, traceId, false));
        this.hubApi = new DfoHubApi(chats, subscriptions, gate, this::eventHubUrl);
    }

    // ---- the profile ---------------------------------------------------------------------------------------------

    @Override
    public void mount(Router router) {
        router.get(DfoEventHub.PATH).handler(ctx -> hub.accept(ctx.request()));
        // no file uploads here: without this, Vert.x makes an empty file-uploads/ in the working directory
        router.route().handler(BodyHandler.create(false));
        auth.mount(router);
        reads.mount(router);
        writes.mount(router);
        hubApi.mount(router);
        router.get(S3Bucket.PATH + "*").handler(ctx -> gate.open(ctx, Operation.S3, caseOfObject(ctx),
                gate.latencyMillis(), bucket::serve));
    }

    private String caseOfObject(RoutingContext ctx) {
        S3Bucket.StoredObject object = bucket.get(S3Bucket.keyOf(ctx));
        return object == null ? null : object.caseId();
    }

    @Override
    public String socketPath() {
        return DfoEventHub.PATH;
    }

    /** MessageAddedIntoCase with the case as it is ({@code stateOverride}: its status from that state instead). */
    @Override
    public void emitEvent(SimulatedChat chat, String stateOverride) {
        send(chat, CaseEvent.MESSAGE_ADDED, stateOverride, null, false);
    }

    /** The event hub (for the facade: raw frames go to every registered socket, whatever it subscribed). */
    @Override
    public EventHub hub() {
        return hub;
    }

    @Override
    public void resetFaults() {
        hub.setJsonStringFraming(false);
        hub.setAnswerHeartbeats(true);
        hub.rateLimitNextRegistrations(0);
        hub.setSubscriptionsEndWithConnection(false);
        hubApi.setEventHubUrlFault(0);
        subscriptions.setLifetimeMillis(settings.getSubscriptionLifetimeMillis());
        reads.setMessagesAsBareArray(false);
        reads.setMessagesMissing(false);
        reads.setSearchRepeatsScrollToken(false);
        writeLimiter.setLimit(settings.getCaseWriteBurst(), settings.getCaseWritesPerMinute());
        writes.loseNextRoutingQueueAnswers(0);
    }

    void send(SimulatedChat chat, String type, String stateOverride, String traceId, boolean inS3) {
        Map<String, Object> event = events.envelope(chat, type, stateOverride, traceId);
        String json = JsonAnswers.text(event);
        if (inS3) {
            String key = bucket.put(chat.id(), json);
            json = JsonAnswers.text(events.inS3(event, baseUrl.get() + S3Bucket.PATH + key));
        }
        hub.emitForCase(chat.id(), json);
    }

    // ---- events only dfo has --------------------------------------------------------------------------------------

    /** An event about this case, to describe and {@link CaseEvent#emit()}. */
    public CaseEvent caseEvent(String caseId) {
        return new CaseEvent(chats.require(caseId, "case"), this::send);
    }

    /** Sends {@code RATE_LIMIT_EXCEEDED} to every registered socket (framed like {@code authorized}). */
    public void sendRateLimitExceeded() {
        hub.sendRateLimitExceeded();
    }

    // ---- faults only dfo has --------------------------------------------------------------------------------------

    /** The next {@code count} registrations are answered {@code RATE_LIMIT_EXCEEDED} instead of {@code authorized}. */
    public void rateLimitNextRegistrations(int count) {
        hub.rateLimitNextRegistrations(count);
    }

    /** While true, {@code authorized}, {@code pong} and {@code RATE_LIMIT_EXCEEDED} are sent as JSON strings. */
    public void setJsonStringFraming(boolean json) {
        hub.setJsonStringFraming(json);
    }

    /** While false, heartbeats get no pong (a dead connection that stays open). */
    public void setAnswerHeartbeats(boolean answer) {
        hub.setAnswerHeartbeats(answer);
    }

    /** {@code GET /dfo/3.0/event-hub-url}: 0 = healthy; 200 = answers without a URL; else that status, every time. */
    public void setEventHubUrlFault(int status) {
        hubApi.setEventHubUrlFault(status);
    }

    /** A subscription stops delivering this long after its latest post (0 = never). */
    public void setSubscriptionLifetimeMillis(long millis) {
        subscriptions.setLifetimeMillis(millis);
    }

    /** While true, every subscription ends when any event hub socket closes (a tenant that ties them to it). */
    public void setSubscriptionsEndWithConnection(boolean end) {
        hub.setSubscriptionsEndWithConnection(end);
    }

    /** Every subscription ends now (the tenant forgot them); the posts stay on record. */
    public void forgetSubscriptions() {
        subscriptions.forget();
    }

    /** While true, a case's messages are one bare JSON array (no paging). */
    public void setMessagesAsBareArray(boolean bare) {
        reads.setMessagesAsBareArray(bare);
    }

    /** While true, {@code /contacts/{id}/messages} answers 404 (only {@code /detail} has them). */
    public void setMessagesEndpointMissing(boolean missing) {
        reads.setMessagesMissing(missing);
    }

    /** While true, every search page names the scroll token it was asked with as the next one. */
    public void setSearchRepeatsScrollToken(boolean repeats) {
        reads.setSearchRepeatsScrollToken(repeats);
    }

    /**
     * The next {@code count} routing-queue changes are made (and announced on the hub), but their answer never comes:
     * headers, then silence (docs/cxone-dfo.md section 6: an answer lost after the request arrived).
     */
    public void loseNextRoutingQueueAnswers(int count) {
        writes.loseNextRoutingQueueAnswers(count);
    }

    /** The per-case write limit: {@code burst} writes, then {@code perMinute}; every case starts full again. */
    public void setCaseWriteLimit(int burst, double perMinute) {
        writeLimiter.setLimit(burst, perMinute);
    }

    // ---- record ------------------------------------------------------------------------------------------------

    /** Whether events of this case reach the registered sockets now. */
    public boolean isSubscribed(String caseId) {
        return subscriptions.isLive(caseId);
    }

    /** When this case's subscription was posted, oldest first (the latest 100). */
    public List<Instant> subscriptionPostsFor(String caseId) {
        return subscriptions.postsFor(caseId);
    }

    /** Heartbeats received on all sockets. */
    public int heartbeats() {
        return hub.heartbeats();
    }

    /** The case's custom fields now, by ident (what the bot set and what was written). */
    public Map<String, String> customFields(String caseId) {
        return view.customFieldValues(chats.require(caseId, "case"));
    }

    /** The skill of the case's routing queue now. */
    public int skillOf(String caseId) {
        return view.skillOf(chats.require(caseId, "case"));
    }

    // ---- connection settings -----------------------------------------------------------------------------------

    /** {@code CXONE_AUTH_URL}: where the discovery documents are. */
    public String authUrl() {
        return baseUrl.get();
    }

    public String eventHubUrl() {
        return baseUrl.get().replaceFirst("^http", "ws") + DfoEventHub.PATH;
    }

    /** What the cxone-configuration document answers as {@code domain} (host:port). */
    public String domain() {
        return auth.domain();
    }

    public String area() {
        return DfoAuthApi.AREA;
    }

    public String tenantId() {
        return settings.getTenantId();
    }

    public String userId() {
        return settings.getUserId();
    }

    public String accessKeyId() {
        return settings.getAccessKeyId();
    }

    public String accessKeySecret() {
        return settings.getAccessKeySecret();
    }

    public int botSkillId() {
        return settings.getBotSkillId();
    }

    public int agentSkillId() {
        return view.agentSkillId();
    }

    public int otherSkillId() {
        return settings.getOtherSkillId();
    }
}
