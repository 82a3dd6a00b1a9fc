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
        String message = safeMessage(failure);
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * What of the failure's message may be shown: the status of an HTTP failure; the message of our own
     * exceptions, the JDK's I/O exceptions and the JVM's errors; otherwise nothing.
     */
    public static String safeMessage(Throwable failure) {
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode();
        }
        if (failure instanceof JsonProcessingException) {
            return null;
        }
        String type = failure.getClass().getName();
        boolean ours = type.startsWith("io.cxonehandoff.");
        boolean jdkIo = failure instanceof IOException && type.startsWith("java.");
        boolean jvm = failure instanceof Error && type.startsWith("java.");
        return ours || jdkIo || jvm ? failure.getMessage() : null;
    }
}
