package io.cxonehandoff.dfo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxonehandoff.stream.StreamProtocol;
import io.cxonehandoff.support.CxoneJson;

/**
 * The DFO event hub's session (docs/cxone-dfo.md, section 3): {@code register} with the token, answered
 * {@code authorized} (bare or as a JSON string); no subscribe frame (cases are subscribed over REST); a
 * {@code heartbeat} frame each interval answered {@code pong}; {@code RATE_LIMIT_EXCEEDED} in band means back off.
 * Where to connect is the tenant's event hub ({@link DfoTenant#eventHubUri()}).
 */
public class EventHubProtocol implements StreamProtocol {

    private static final CxoneJson JSON = new CxoneJson();
    private static final String RATE_LIMITED = "RATE_LIMIT_EXCEEDED";

    private DfoTenant tenant;

    @Override
    public String authenticate(String token) {
        try {
            Map<String, Object> register = new LinkedHashMap<>();
            register.put("action", "register");
            register.put("payload", Map.of("token", token));
            return JSON.writeValueAsString(register);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean isAuthenticated(String frame) {
        return isWord(frame, "authorized");
    }

    @Override
    public String subscribe() {
        return null;
    }

    @Override
    public String heartbeat() {
        return "{\"action\":\"heartbeat\"}";
    }

    @Override
    public boolean isHeartbeatAnswer(String frame) {
        return isWord(frame, "pong");
    }

    @Override
    public boolean isRateLimited(String frame) {
        if (frame == null || frame.length() > 4_096 || !frame.contains(RATE_LIMITED)) {
            return false;
        }
        if (isWord(frame, RATE_LIMITED)) {
            return true;
        }
        try {
            JsonNode answer = JSON.readTree(frame);
            // assumed shapes: {"error": ...}, {"type": ...}, {"code": ...} or {"message": ...} naming it
            return answer != null && answer.isObject() && (RATE_LIMITED.equals(answer.path("error").asText())
                    || RATE_LIMITED.equals(answer.path("type").asText()) || RATE_LIMITED.equals(answer.path("code").asText())
                    || RATE_LIMITED.equals(answer.path("message").asText()));
        } catch (Exception notJson) {
            return false;
        }
    }

    @Override
    public URI connectUri(URI configured) {
        return tenant.eventHubUri();
    }

    /** {@code word}, bare or as a JSON string ({@code "word"}), whatever the whitespace around it. */
    private static boolean isWord(String frame, String word) {
        if (frame == null) {
            return false;
        }
        String text = frame.trim();
        return text.equals(word) || text.equals("\"" + word + "\"");
    }

    public void setTenant(DfoTenant tenant) {
        this.tenant = tenant;
    }
}
