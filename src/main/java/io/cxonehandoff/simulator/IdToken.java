package io.cxonehandoff.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The id token DFO's token endpoint answers: a well-formed three-part JWT naming the tenant ({@code tenantId}) and
 * the user ({@code sub = user:<guid>}). Its signature is random bytes: the integration does not verify it.
 */
final class IdToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private IdToken() {
    }

    static String issue(String issuer, String audience, String tenantId, String userId, int ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "user:" + userId);
        claims.put("aud", audience);
        claims.put("tenantId", tenantId);
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        byte[] signature = new byte[32];
        RANDOM.nextBytes(signature);
        return part(Map.of("alg", "RS256", "typ", "JWT", "kid", "simulator")) + "." + part(claims) + "."
               + B64.encodeToString(signature);
    }

    private static String part(Map<String, Object> json) {
        return B64.encodeToString(JsonAnswers.text(json).getBytes(StandardCharsets.UTF_8));
    }
}
