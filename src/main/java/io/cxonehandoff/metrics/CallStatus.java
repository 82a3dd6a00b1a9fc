package io.cxonehandoff.metrics;

import java.net.SocketTimeoutException;

import io.cxonehandoff.http.AnswerTooLargeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The outcome of one CXone call as a metric tag: the HTTP status; {@code timeout} or {@code io_error} when no
 * complete answer came (also when its status line did: the body can still fail); {@code too_large} for an
 * answer over the size limit. A refused status is in camel-http's exception, an accepted one in its header.
 */
public class CallStatus {

    public String of(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof HttpOperationFailedException refused) {
            return String.valueOf(refused.getStatusCode());
        }
        if (failure instanceof AnswerTooLargeException) {
            return "too_large";
        }
        if (failure instanceof SocketTimeoutException || failure != null && failure.getCause() instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (failure != null) {
            return "io_error";
        }
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return code == null ? "unknown" : String.valueOf(code);
    }
}
