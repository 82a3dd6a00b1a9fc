package io.cxonehandoff.metrics;

import java.net.SocketTimeoutException;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The outcome of one CXone call as a metric tag: the HTTP status, or {@code timeout} / {@code io_error} when
 * no answer came. camel-http puts a status in a header only for accepted answers; a refused one is in the
 * exception.
 */
public class CallStatus {

    public String of(Exchange exchange) {
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code != null) {
            return String.valueOf(code);
        }
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof HttpOperationFailedException refused) {
            return String.valueOf(refused.getStatusCode());
        }
        if (failure instanceof SocketTimeoutException || failure != null && failure.getCause() instanceof SocketTimeoutException) {
            return "timeout";
        }
        return failure == null ? "unknown" : "io_error";
    }
}
