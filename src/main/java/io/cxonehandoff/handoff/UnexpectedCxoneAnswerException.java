package io.cxonehandoff.handoff;

/** A CXone answer that parsed but does not have the shape the contract promises. */
public class UnexpectedCxoneAnswerException extends RuntimeException {

    public UnexpectedCxoneAnswerException(String message) {
        super(message);
    }
}
