package io.cxonehandoff.support;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * A failure as a log line may show it: never upstream content. An exception's message can quote what CXone sent
 * (Jackson quotes the token it could not parse, a number parser the text), so only messages known to be ours
 * or the JDK's I/O layer's are shown; for HTTP failures the status; for anything else the class alone.
 */
public class FailureDescription {

    public String of(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return describe(failure);
    }

    public static String describe(Throwable failure) {
        if (failure == null) {
            return "no exception";
        }
        String kind = failure.getClass().getSimpleName();
        if (failure instanceof HttpOperationFailedException http) {
            return kind + ": HTTP " + http.getStatusCode();
        }
        if (failure instanceof JsonProcessingException) {
            return kind;
        }
        boolean ours = failure.getClass().getName().startsWith("io.cxonehandoff.");
        boolean jdkIo = failure instanceof IOException && failure.getClass().getName().startsWith("java.");
        return (ours || jdkIo) && failure.getMessage() != null ? kind + ": " + failure.getMessage() : kind;
    }
}
