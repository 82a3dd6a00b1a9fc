package io.cxonehandoff.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.ext.web.RoutingContext;

/**
 * Where DFO puts an event too large for the socket (EventInS3): each payload under a random key, served at
 * {@code /s3/<key>} without a bearer token, as a pre-signed URL is. Bounded: the oldest payloads go first.
 */
final class S3Bucket {

    static final String PATH = "/s3/";
    private static final int MAX_OBJECTS = 10_000;

    record StoredObject(String caseId, String json) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredObject> objects = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredObject> eldest) {
            return size() > MAX_OBJECTS;
        }
    };

    /** Stores the payload; answers its key. */
    synchronized String put(String caseId, String json) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String key = "events/" + HexFormat.of().formatHex(bytes) + ".json";
        objects.put(key, new StoredObject(caseId, json));
        return key;
    }

    synchronized StoredObject get(String key) {
        return objects.get(key);
    }

    /** The key of a request to {@code /s3/<key>}. */
    static String keyOf(RoutingContext ctx) {
        String path = ctx.request().path();
        return path.startsWith(PATH) ? path.substring(PATH.length()) : "";
    }

    void serve(RoutingContext ctx) {
        StoredObject object = get(keyOf(ctx));
        if (object == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/xml")
                    .end("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
        } else {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(object.json());
        }
    }
}
