package io.cxonehandoff.dfo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.camel.ExchangeProperty;

/**
 * The cases the event hub sends us events of (docs/cxone-dfo.md, section 3): a bot case is subscribed when the
 * reconciliation first finds it, and again before its subscription may lapse ({@code resubscribeAfterMs}, under
 * NICE's 300 s); a case no longer found with the bot is forgotten. Bounded ({@code maxWatched}).
 */
public class CaseWatch {

    private final Map<String, Long> subscribedAt = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private long resubscribeAfterMs = 240_000;
    private int maxWatched = 50_000;

    public CaseWatch() {
        this(System::currentTimeMillis);
    }

    CaseWatch(LongSupplier clock) {
        this.clock = clock;
    }

    /** Whether the case's subscription is to be posted (not watched yet, or about to lapse). */
    public boolean due(@ExchangeProperty("interactionId") String caseId) {
        Long at = subscribedAt.get(caseId);
        return at == null ? subscribedAt.size() < maxWatched : clock.getAsLong() - at >= resubscribeAfterMs;
    }

    /** The subscription request's body. */
    public Map<String, String> subscription(@ExchangeProperty("interactionId") String caseId) {
        return Map.of("relationObjectId", caseId, "subscriptionType", "contact");
    }

    /** The case's subscription was accepted. */
    public void subscribed(@ExchangeProperty("interactionId") String caseId) {
        subscribedAt.put(caseId, clock.getAsLong());
    }

    /** After a complete reconciliation: only the cases it found stay watched. */
    public void retainOnly(Set<String> found) {
        subscribedAt.keySet().retainAll(found);
    }

    /** Cases watched now. */
    public int watched() {
        return subscribedAt.size();
    }

    /** Re-post a subscription this long after the last (ms; cxone.dfo.resubscribe-after-ms). */
    public void setResubscribeAfterMs(long resubscribeAfterMs) {
        this.resubscribeAfterMs = resubscribeAfterMs;
    }

    /** At most this many cases watched at once (cxone.dfo.max-watched-cases). */
    public void setMaxWatched(int maxWatched) {
        this.maxWatched = maxWatched;
    }
}
