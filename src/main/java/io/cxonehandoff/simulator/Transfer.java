package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An accepted (2xx) transfer, as the simulator received it. */
public record Transfer(String interactionId, String queueId, String reason, int preservedHistoryCount,
                       List<Map<String, Object>> history, Map<String, Object> body, Instant at) {
}
