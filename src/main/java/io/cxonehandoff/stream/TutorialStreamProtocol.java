package io.cxonehandoff.stream;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code {"action":"authenticate","token":..}} answered by {@code {"status":"authenticated"}}, then
 * {@code {"action":"subscribe","topic":..}}: the protocol of the API contract (cxone-api.md).
 */
public class TutorialStreamProtocol implements StreamProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TOPIC = "interactions";

    @Override
    public String authenticate(String token) {
        return write(Map.of("action", "authenticate", "token", token));
    }

    @Override
    public boolean isAuthenticated(String frame) {
        try {
            JsonNode answer = JSON.readTree(frame);
            return answer != null && "authenticated".equals(answer.path("status").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    @Override
    public String subscribe() {
        return write(Map.of("action", "subscribe", "topic", TOPIC));
    }

    private static String write(Map<String, String> frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
