package io.cxonehandoff.simulator;

import java.util.List;

/** Settings of a {@link CxoneSimulator}; fluent setters, defaults as documented on each field. */
public final class SimulatorSettings {

    /** The tutorial API (docs/cxone-api.md), the default. */
    public static final String TUTORIAL = "tutorial";
    /** CXone's digital API, DFO 3.0 (docs/cxone-dfo.md). */
    public static final String DFO = "dfo";

    private String profile = TUTORIAL;
    private String host = "127.0.0.1";
    private int port;                          // 0 = any free port
    private String clientId = "simulator";
    private String clientSecret;               // required, no default
    private String queueId;                    // default "sim-queue"; in dfo the agents' skill id, "5001"
    private int tokenTtlSeconds = 3600;
    private long latencyMillis;
    private long agentAssignMillis = -1;
    private double rateLimitPerSecond;         // 0 = unlimited
    private double generatorChatsPerSecond;    // 0 = no generated chats
    private double generatorHandoffRatio = 0.3;
    private int generatorMaxMessages = 250;
    private long seed = 42L;
    // ---- dfo only
    private String accessKeyId = "simulator-access-key";
    private String accessKeySecret;            // required in dfo, no default
    private String tenantId = "11ef5c2a-0000-4000-8000-00000000c0de";
    private String userId = "11ef5c2a-0000-4000-8000-0000000000a1";
    private int botSkillId = 4001;
    private int otherSkillId = 9999;           // the skill of cases that are not web chats
    private int overflowSkillId = 5099;        // a second agents' skill (an overflow queue)
    private long subscriptionLifetimeMillis;   // 0 = a subscription never ends
    private int caseWriteBurst = 250;
    private double caseWritesPerMinute = 17;
    private long generatorTurnMillis = 1000;   // between two turns of a generated conversation
    private List<String> customFieldIdents = List.of("bot_confidence", "handoff_requested", "handoff_reason",
            "handoff_at", "handoff_source", "handoff_summary");

    /** {@link #TUTORIAL} or {@link #DFO}. */
    public SimulatorSettings profile(String profile) {
        if (!TUTORIAL.equals(profile) && !DFO.equals(profile)) {
            throw new IllegalArgumentException("simulator profile must be " + TUTORIAL + " or " + DFO + ", not " + profile);
        }
        this.profile = profile;
        return this;
    }

    public SimulatorSettings accessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
        return this;
    }

    public SimulatorSettings accessKeySecret(String accessKeySecret) {
        this.accessKeySecret = accessKeySecret;
        return this;
    }

    public SimulatorSettings tenantId(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    public SimulatorSettings userId(String userId) {
        this.userId = userId;
        return this;
    }

    public SimulatorSettings botSkillId(int botSkillId) {
        this.botSkillId = botSkillId;
        return this;
    }

    public SimulatorSettings otherSkillId(int otherSkillId) {
        this.otherSkillId = otherSkillId;
        return this;
    }

    public SimulatorSettings subscriptionLifetimeMillis(long subscriptionLifetimeMillis) {
        this.subscriptionLifetimeMillis = subscriptionLifetimeMillis;
        return this;
    }

    public SimulatorSettings caseWriteLimit(int burst, double perMinute) {
        this.caseWriteBurst = burst;
        this.caseWritesPerMinute = perMinute;
        return this;
    }

    public SimulatorSettings generatorTurnMillis(long generatorTurnMillis) {
        this.generatorTurnMillis = generatorTurnMillis;
        return this;
    }

    /** The custom fields defined in the tenant: a custom-fields PUT naming another ident answers 400. */
    public SimulatorSettings customFieldIdents(List<String> idents) {
        this.customFieldIdents = List.copyOf(idents);
        return this;
    }

    public SimulatorSettings host(String host) {
        this.host = host;
        return this;
    }

    public SimulatorSettings port(int port) {
        this.port = port;
        return this;
    }

    public SimulatorSettings clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public SimulatorSettings clientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
        return this;
    }

    public SimulatorSettings queueId(String queueId) {
        this.queueId = queueId;
        return this;
    }

    public SimulatorSettings tokenTtlSeconds(int tokenTtlSeconds) {
        this.tokenTtlSeconds = tokenTtlSeconds;
        return this;
    }

    /** Agents take a transferred chat this long after its transfer (ms); negative = never (the default). */
    public SimulatorSettings agentAssignMillis(long agentAssignMillis) {
        this.agentAssignMillis = agentAssignMillis;
        return this;
    }

    public long getAgentAssignMillis() {
        return agentAssignMillis;
    }

    public SimulatorSettings latencyMillis(long latencyMillis) {
        this.latencyMillis = latencyMillis;
        return this;
    }

    public SimulatorSettings rateLimitPerSecond(double rateLimitPerSecond) {
        this.rateLimitPerSecond = rateLimitPerSecond;
        return this;
    }

    public SimulatorSettings generatorChatsPerSecond(double generatorChatsPerSecond) {
        this.generatorChatsPerSecond = generatorChatsPerSecond;
        return this;
    }

    public SimulatorSettings generatorHandoffRatio(double generatorHandoffRatio) {
        this.generatorHandoffRatio = generatorHandoffRatio;
        return this;
    }

    public SimulatorSettings generatorMaxMessages(int generatorMaxMessages) {
        this.generatorMaxMessages = generatorMaxMessages;
        return this;
    }

    public SimulatorSettings seed(long seed) {
        this.seed = seed;
        return this;
    }

    public String getProfile() {
        return profile;
    }

    public boolean isDfo() {
        return DFO.equals(profile);
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public String getAccessKeySecret() {
        return accessKeySecret;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getUserId() {
        return userId;
    }

    public int getBotSkillId() {
        return botSkillId;
    }

    /** A second agents' skill the integration may move a case to (its overflow queue). */
    public SimulatorSettings overflowSkillId(int overflowSkillId) {
        this.overflowSkillId = overflowSkillId;
        return this;
    }

    public int getOverflowSkillId() {
        return overflowSkillId;
    }

    public int getOtherSkillId() {
        return otherSkillId;
    }

    public long getSubscriptionLifetimeMillis() {
        return subscriptionLifetimeMillis;
    }

    public int getCaseWriteBurst() {
        return caseWriteBurst;
    }

    public double getCaseWritesPerMinute() {
        return caseWritesPerMinute;
    }

    public long getGeneratorTurnMillis() {
        return generatorTurnMillis;
    }

    public List<String> getCustomFieldIdents() {
        return customFieldIdents;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** The agents' queue: "sim-queue" unless set; in dfo the agents' skill id, "5001" unless set. */
    public String getQueueId() {
        return queueId != null ? queueId : isDfo() ? "5001" : "sim-queue";
    }

    public int getTokenTtlSeconds() {
        return tokenTtlSeconds;
    }

    public long getLatencyMillis() {
        return latencyMillis;
    }

    public double getRateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    public double getGeneratorChatsPerSecond() {
        return generatorChatsPerSecond;
    }

    public double getGeneratorHandoffRatio() {
        return generatorHandoffRatio;
    }

    public int getGeneratorMaxMessages() {
        return generatorMaxMessages;
    }

    public long getSeed() {
        return seed;
    }
}
