package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.Set;

/** One REST call as the simulator saw it, with the status it answered. */
public record RecordedRequest(Operation operation, String interactionId, String method, String path, String query,
                              int status, Set<String> headerNames, Instant at) {
}
