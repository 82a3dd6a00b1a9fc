package io.cxonehandoff.deadletter;

import java.util.List;

import org.apache.camel.Exchange;

/**
 * What a dead-letter store does, in files ({@link DeadLetterStore}) or in the shared database: store a failed
 * handoff, list the letters waiting, replay one or all, and record a replay for the leader to carry out
 * ({@link #requestReplay}, {@link #requested}) when it is asked of a replica that does not lead.
 */
public interface DeadLetters {

    /** Stores the failed exchange's event and error; returns the letter's name. Throws if it cannot. */
    String store(Exchange exchange) throws Exception;

    /** Names of the letters waiting (neither replayed nor requested), oldest first. */
    List<String> list();

    /** Number of letters waiting. */
    int count();

    /** Queues one letter's event again, now; false if there is no such letter or it was replayed already. */
    boolean replay(String name) throws Exception;

    /** Queues every letter waiting; returns how many. */
    int replayAll() throws Exception;

    /**
     * Records that the letter is to be replayed by the leader (it is no longer listed as waiting); false if
     * there is no such letter waiting. Claimed once, whichever replicas ask at once.
     */
    boolean requestReplay(String name) throws Exception;

    /** Names of the letters whose replay was requested and not carried out yet, oldest first. */
    List<String> requested();
}
