package io.cxonehandoff.http;

import io.cxonehandoff.handoff.UnexpectedCxoneAnswerException;

/** CXone's answer was larger than {@code cxone.http.max-answer-bytes}: refused, not retried. */
public class AnswerTooLargeException extends UnexpectedCxoneAnswerException {

    public AnswerTooLargeException(long maxBytes) {
        super("answer larger than " + maxBytes + " bytes (cxone.http.max-answer-bytes)");
    }
}
