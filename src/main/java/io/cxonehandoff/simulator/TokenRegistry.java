package io.cxonehandoff.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens the simulator issued: each valid until its expiry, unless revoked. */
final class TokenRegistry {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private volatile int ttlSeconds;

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
}
