package io.cxonehandoff.handoff;

import java.util.regex.Pattern;

/**
 * Which interaction ids are accepted where they enter (stream frames, catch-up listings, dead-letter replays).
 * An id becomes a lane key, a path segment, a record line and a dead-letter field: one from an untrusted
 * source that does not look like an id is refused before any of that.
 */
public class InteractionIds {

    private Pattern pattern = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]*");
    private int maxLength = 128;

    /** True when {@code id} is not an acceptable interaction id. */
    public boolean rejects(Object id) {
        if (!(id instanceof String text)) {
            return true;
        }
        return text.isEmpty() || text.length() > maxLength || !pattern.matcher(text).matches();
    }

    /** Regular expression an id must match as a whole (handoff.interaction-id.pattern). */
    public void setPattern(String pattern) {
        this.pattern = Pattern.compile(pattern);
    }

    /** Longest id accepted, in characters (handoff.interaction-id.max-length). */
    public void setMaxLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("handoff.interaction-id.max-length must be at least 1, got " + maxLength);
        }
        this.maxLength = maxLength;
    }
}
