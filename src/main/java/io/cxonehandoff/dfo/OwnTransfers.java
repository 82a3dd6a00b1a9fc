package io.cxonehandoff.dfo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Header;

/**
 * The trace ids of our own routing-queue changes ({@code X-Trace-Id}): the event each causes carries it as
 * {@code traceId}, and triggers nothing. The most recent {@value #KEPT} are kept.
 */
public class OwnTransfers {

    static final int KEPT = 10_000;

    private final Map<String, Boolean> traceIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    /** Remembers the trace id of a transfer we made (nothing when CXone sent none). */
    public synchronized void remember(@Header("X-Trace-Id") String traceId) {
        if (traceId != null && !traceId.isBlank() && traceId.length() <= 256) {
            traceIds.put(traceId, Boolean.TRUE);
        }
    }

    public synchronized boolean isOurs(String traceId) {
        return traceId != null && traceIds.containsKey(traceId);
    }
}
