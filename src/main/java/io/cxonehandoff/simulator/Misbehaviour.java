package io.cxonehandoff.simulator;

/** Ways a broken or hostile upstream answers, for {@link CxoneSimulator#misbehaveNext(Operation, int, Misbehaviour)}. */
public enum Misbehaviour {
    /** 200 and its headers, then nothing: the body never comes. */
    HEADERS_THEN_SILENCE,
    /** 200, then the body one byte every 200 ms, never ending. */
    DRIP_BODY,
    /** 200 with {@code Content-Encoding: gzip} and a body that is not gzip. */
    BAD_GZIP,
    /** 200 with a chunked body of 200 MB (no Content-Length). */
    HUGE_CHUNKED_BODY,
    /** 200 declaring {@code Content-Length} of 200 MB. */
    HUGE_DECLARED_BODY;

    /** The pseudo status FaultPlan keeps for it. */
    int code() {
        return -300 - ordinal();
    }

    static Misbehaviour of(int code) {
        int ordinal = -300 - code;
        return ordinal >= 0 && ordinal < values().length ? values()[ordinal] : null;
    }
}
