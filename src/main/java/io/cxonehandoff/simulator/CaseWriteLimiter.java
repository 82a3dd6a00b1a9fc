package io.cxonehandoff.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DFO's per-contact limit on updates: a token bucket per case holding {@code burst} writes, refilled at
 * {@code perMinute} (250 and 17 by default, docs/cxone-dfo.md section 7). Bounded to the most recent cases.
 */
final class CaseWriteLimiter {

    private static final int MAX_CASES = 20_000;

    private static final class Bucket {
        double writes;
        long at;
    }

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CASES;
        }
    };
    private int burst;
    private double perMinute;

    CaseWriteLimiter(int burst, double perMinute) {
        setLimit(burst, perMinute);
    }

    /** Every case starts again with a full bucket. */
    synchronized void setLimit(int burst, double perMinute) {
        this.burst = burst;
        this.perMinute = perMinute;
        buckets.clear();
    }

    /** Takes one write of this case: 0 when admitted, else the whole seconds until one would be (Retry-After). */
    synchronized long tryWrite(String caseId) {
        long now = System.nanoTime();
        double perNano = perMinute / 60e9;
        Bucket bucket = buckets.computeIfAbsent(caseId, id -> {
            Bucket full = new Bucket();
            full.writes = burst;
            full.at = now;
            return full;
        });
        bucket.writes = Math.min(burst, bucket.writes + (now - bucket.at) * perNano);
        bucket.at = now;
        if (bucket.writes >= 1.0) {
            bucket.writes -= 1.0;
            return 0;
        }
        return perMinute <= 0 ? 60 : Math.max(1, (long) Math.ceil((1.0 - bucket.writes) / perNano / 1e9));
    }
}
