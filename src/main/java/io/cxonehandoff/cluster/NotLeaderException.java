package io.cxonehandoff.cluster;

/**
 * Thrown before a write by a replica that is not (or no longer) the leader: it must not call CXone. Routes
 * should handle it without a dead letter (the leader does the work: its catch-up lists the chat again).
 */
public class NotLeaderException extends IllegalStateException {

    public NotLeaderException(String message) {
        super(message);
    }
}
