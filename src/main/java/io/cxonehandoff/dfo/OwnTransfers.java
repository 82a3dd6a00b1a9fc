package io.cxonehandoff.dfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Our own routing-queue changes, so the event each causes triggers nothing: by the answer's {@code X-Trace-Id}
 * (the event carries it as {@code traceId}; the most recent {@value #KEPT} are kept), and, since the event may
 * arrive before the answer does, by the case while its change is on its way.
 */
public class OwnTransfers {

    static final int KEPT = 10_000;

    private final Map<String, Boolean> traceIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    };
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** A routing-queue change of this case is about to be sent. */
    public void sending(@ExchangeProperty("interactionId") String caseId) {
        if (caseId != null) {
            inFlight.add(caseId);
        }
    }

    /** The change was answered, or failed: its trace id is kept (when CXone sent one), the case no longer in flight. */
    public void settled(@Header("X-Trace-Id") String traceId, @ExchangeProperty("interactionId") String caseId) {
        remember(traceId);
        if (caseId != null) {
            inFlight.remove(caseId);
        }
    }

    /** Remembers the trace id of a transfer we made (nothing when CXone sent none). */
    public synchronized void remember(String traceId) {
        if (traceId != null && !traceId.isBlank() && traceId.length() <= 256) {
            traceIds.put(traceId, Boolean.TRUE);
        }
    }

    public synchronized boolean isOurs(String traceId) {
        return traceId != null && traceIds.containsKey(traceId);
    }

    /** Whether a routing-queue change of this case is on its way now (its event may come before its answer). */
    public boolean isInFlight(String caseId) {
        return caseId != null && inFlight.contains(caseId);
    }
}
