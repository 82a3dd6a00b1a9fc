package io.cxonehandoff.simulator;

/** The REST operations of the CXone contract, as the simulator records them. */
public enum Operation {
    TOKEN, GET_INTERACTION, LIST_INTERACTIONS, GET_MESSAGES, PATCH_CONTEXT, TRANSFER
}
