package io.cxonehandoff.simulator;

/** A steady stream of simulated chats for the standalone run (one per API profile). */
interface ChatSource {

    void start();

    void stop();

    /** Chats made so far. */
    int generated();
}
