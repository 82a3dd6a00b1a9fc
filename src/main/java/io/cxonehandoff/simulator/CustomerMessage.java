package io.cxonehandoff.simulator;

import java.time.Instant;

/** A message the integration sent to a chat's customer ({@code POST .../messages}). */
public record CustomerMessage(String interactionId, String author, String content, Instant at) {
}
