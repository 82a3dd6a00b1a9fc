package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases the integration's user subscribed ({@code POST /dfo/3.0/event-hub-subscriptions}): every post with its
 * time, and whether a case's latest one still holds. A subscription ends after the lifetime (0 = never) or when the
 * tenant forgets it. Bounded: the oldest cases are forgotten beyond {@value #MAX_CASES}.
 */
final class DfoSubscriptions {

    private static final int MAX_CASES = 20_000;
    private static final int MAX_POSTS_PER_CASE = 100;

    private final Map<String, List<Instant>> posts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Instant>> eldest) {
            return size() > MAX_CASES;
        }
    };
    /** The latest post of each case still in force (cleared when the tenant forgets them). */
    private final Map<String, Instant> live = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_CASES;
        }
    };
    private long lifetimeMillis;

    DfoSubscriptions(long lifetimeMillis) {
        this.lifetimeMillis = lifetimeMillis;
    }

    synchronized void subscribe(String caseId) {
        Instant now = Instant.now();
        List<Instant> times = posts.computeIfAbsent(caseId, id -> new ArrayList<>());
        if (times.size() >= MAX_POSTS_PER_CASE) {
            times.remove(0);
        }
        times.add(now);
        live.put(caseId, now);
    }

    /** Events of this case reach the user's sockets now. */
    synchronized boolean isLive(String caseId) {
        Instant at = live.get(caseId);
        return at != null && (lifetimeMillis <= 0 || Instant.now().isBefore(at.plusMillis(lifetimeMillis)));
    }

    synchronized List<Instant> postsFor(String caseId) {
        return List.copyOf(posts.getOrDefault(caseId, List.of()));
    }

    /** Every subscription ends (the posts stay on record). */
    synchronized void forget() {
        live.clear();
    }

    synchronized void setLifetimeMillis(long lifetimeMillis) {
        this.lifetimeMillis = lifetimeMillis;
    }
}
