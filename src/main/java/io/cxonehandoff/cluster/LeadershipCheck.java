package io.cxonehandoff.cluster;

/**
 * A cluster service that can confirm, at the moment of a write, that this member still holds the
 * leadership of a namespace (not just that it held it at its last heartbeat).
 */
public interface LeadershipCheck {

    /** True only if this member holds the namespace's leadership right now, checked at the source. */
    boolean confirmLeadership(String namespace);
}
