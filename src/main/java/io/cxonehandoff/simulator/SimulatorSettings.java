package io.cxonehandoff.simulator;

/** Settings of a {@link CxoneSimulator}; fluent setters, defaults as documented on each field. */
public final class SimulatorSettings {

    private String host = "127.0.0.1";
    private int port;                          // 0 = any free port
    private String clientId = "simulator";
    private String clientSecret;               // required, no default
    private String queueId = "sim-queue";
    private int tokenTtlSeconds = 3600;
    private long latencyMillis;
    private double rateLimitPerSecond;         // 0 = unlimited
    private double generatorChatsPerSecond;    // 0 = no generated chats
    private double generatorHandoffRatio = 0.3;
    private int generatorMaxMessages = 250;
    private long seed = 42L;

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

    public String getQueueId() {
        return queueId;
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
