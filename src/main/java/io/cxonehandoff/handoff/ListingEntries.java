package io.cxonehandoff.handoff;

import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.camel.Body;

/**
 * A catch-up listing entry is the interaction as a read would answer it, so a fresh one is evaluated without
 * reading the interaction again (one call less per chat found). How fresh is a setting: the entry waits in its
 * lane behind other work, and a chat another replica or an agent took meanwhile would be handed off on an old
 * picture (the transfer then answers 409, but the context write has gone out). Older entries are read again.
 */
public class ListingEntries {

    /** The event's key for the interaction as the listing answered it. */
    public static final String INTERACTION = "interaction";
    /** The event's key for when the listing answered (epoch ms). */
    public static final String LISTED_AT = "listedAt";

    private final LongSupplier clock;
    private long trustMillis = 5000;

    public ListingEntries() {
        this(System::currentTimeMillis);
    }

    ListingEntries(LongSupplier clock) {
        this.clock = clock;
    }

    /** Makes a listing's event carry the interaction (or case) as the listing answered it, stamped now. */
    public static Map<String, Object> carry(Map<String, Object> event, Object interaction) {
        event.put(INTERACTION, interaction);
        event.put(LISTED_AT, System.currentTimeMillis());
        return event;
    }

    /** Whether the event carries an interaction listed at most {@code trustMillis} ago. */
    public boolean usable(@Body Object event) {
        return event instanceof Map<?, ?> entry
               && entry.get(INTERACTION) instanceof Map
               && entry.get(LISTED_AT) instanceof Number listedAt
               && clock.getAsLong() - listedAt.longValue() <= trustMillis;
    }

    /** How long after the listing answered an entry stands in for a read (ms); 0 = always read. */
    public void setTrustMillis(long trustMillis) {
        if (trustMillis < 0) {
            throw new IllegalArgumentException("trust-ms must be at least 0, got " + trustMillis);
        }
        this.trustMillis = trustMillis;
    }
}
