package io.cxonehandoff.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens the simulator issued: each valid until its expiry, unless revoked; and whether the token endpoint
 * (either profile's) refuses the client credentials.
 */
final class TokenRegistry {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private volatile int ttlSeconds;
    private volatile boolean rejectCredentials;

    TokenRegistry(int ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    String issue() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = "sim-" + HexFormat.of().formatHex(bytes);
        expiries.put(token, Instant.now().plusSeconds(ttlSeconds));
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = token == null ? null : expiries.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    void revokeAll() {
        expiries.clear();
    }

    int ttlSeconds() {
        return ttlSeconds;
    }

    void setTtlSeconds(int ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    /** While true, the token endpoint answers 401 whatever the credentials. */
    boolean rejectsCredentials() {
        return rejectCredentials;
    }

    void setRejectCredentials(boolean reject) {
        this.rejectCredentials = reject;
    }
}
