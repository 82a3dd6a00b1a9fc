package io.cxonehandoff.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** JSON in and out of the simulator's REST handlers; a body that is not the expected JSON reads as null. */
final class JsonAnswers {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {
    }

    static void json(HttpServerResponse response, int status, Object body) {
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            response.setStatusCode(500).end();
        }
    }

    static Map<String, Object> objectBody(RoutingContext ctx) {
        try {
            String body = ctx.body().asString();
            return body == null ? null : JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return null;
        }
    }

    static List<Object> arrayBody(RoutingContext ctx) {
        try {
            String body = ctx.body().asString();
            return body == null ? null : JSON.readValue(body, new TypeReference<List<Object>>() { });
        } catch (Exception e) {
            return null;
        }
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
