package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.Set;

/**
 * One REST call as the simulator saw it, with the status it answered: {@code receivedAt} when the request
 * arrived, {@code at} when the answer was sent (so {@code at - receivedAt} is the call's latency here).
 */
public record RecordedRequest(Operation operation, String interactionId, String method, String path, String query,
                              int status, Set<String> headerNames, Instant receivedAt, Instant at) {
}
