package io.cxonehandoff.deadletter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.cxonehandoff.support.FailureDescription;
import org.apache.camel.Exchange;

/** What a dead letter holds, the same in files and in the database: one place builds it for both stores. */
public final class DeadLetterContent {

    private DeadLetterContent() {
    }

    /**
     * The failed exchange's letter: the interaction, when and where it failed, the error (and its root cause, when
     * it is another) as {@link #describe} puts it, what it replays, and the event.
     */
    public static Map<String, Object> of(Exchange exchange) {
        return of(exchange, DeadLetterContent::describe);
    }

    /** The failure as a letter keeps it: its type and what of its message may be kept (no upstream content). */
    static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        String message = FailureDescription.safeMessage(error);
        return error.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static Map<String, Object> of(Exchange exchange, Function<Throwable, String> describe) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object event = exchange.getProperty(DeadLetterStore.ORIGINAL_EVENT);
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("interactionId", exchange.getProperty("interactionId"));
        letter.put("failedAt", Instant.now().toString());
        letter.put("failedRoute", exchange.getProperty(Exchange.FAILURE_ROUTE_ID));
        letter.put("failedEndpoint", exchange.getProperty(Exchange.FAILURE_ENDPOINT));
        letter.put("error", describe.apply(error));
        // an Error or an HTTP failure arrives wrapped (CamelExecutionException, ...): name what lies beneath
        Throwable rootCause = rootCause(error);
        if (rootCause != error) {
            letter.put("rootCause", describe.apply(rootCause));
        }
        letter.put("replayOf", exchange.getProperty("replayOf"));
        // failed before the decision route kept the event: the lanes consumer hands it over as the body
        letter.put("event", event != null ? event : exchange.getMessage().getBody());
        return letter;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && cause.getCause() != null && cause.getCause() != cause && depth < 20; depth++) {
            cause = cause.getCause();
        }
        return cause;
    }
}
