package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.Map;

/** A context PATCH the simulator accepted. */
public record ContextPatch(String interactionId, Map<String, Object> attributes, Instant at) {
}
