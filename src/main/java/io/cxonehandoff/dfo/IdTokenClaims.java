package io.cxonehandoff.dfo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cxonehandoff.support.CxoneJson;

/**
 * The claims of the id token the DFO token endpoint answers with: which tenant and which user the access key
 * belongs to. The JWT's signature is not checked: the token comes straight from the token endpoint over TLS and
 * nothing is authorised on its strength, only the tenant's and user's ids are read (docs/cxone-dfo.md).
 */
public record IdTokenClaims(String tenantId, String userId) {

    private static final CxoneJson JSON = new CxoneJson();

    /** The claims of {@code jwt}, or empty ones when it is absent or not a JWT. */
    public static IdTokenClaims of(Object jwt) {
        if (!(jwt instanceof String token)) {
            return new IdTokenClaims(null, null);
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2 || parts[1].length() > 16_384) {
            return new IdTokenClaims(null, null);
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Map<String, Object> claims = JSON.readValue(payload, new TypeReference<Map<String, Object>>() { });
            return new IdTokenClaims(text(claims.get("tenantId")), user(claims));
        } catch (Exception notAJwt) {
            return new IdTokenClaims(null, null);
        }
    }

    private static String user(Map<String, Object> claims) {
        String userId = text(claims.get("userId"));
        if (userId != null) {
            return userId;
        }
        String subject = text(claims.get("sub"));
        return subject != null && subject.startsWith("user:") ? subject.substring(5) : subject;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
