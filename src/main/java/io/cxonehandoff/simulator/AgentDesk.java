package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.vertx.core.Vertx;

/**
 * The tenant's agents, as far as the integration can see them (docs/cxone-api.md): each queue's availability
 * ({@code open}, agents available, estimated wait, next opening), the messages sent to customers, and agents
 * taking transferred chats after a set delay, or never. Taking one sends the event {@code agent_assigned}.
 */
final class AgentDesk {

    /** A queue as {@code GET /api/v2/queues/{id}/availability} answers it. */
    record Availability(boolean open, int agentsAvailable, int estimatedWaitSeconds, String nextOpen) {
        Map<String, Object> asJson() {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("open", open);
            json.put("agents_available", agentsAvailable);
            json.put("estimated_wait_s", estimatedWaitSeconds);
            json.put("next_open", nextOpen);
            return json;
        }
    }

    static final Availability OPEN = new Availability(true, 5, 120, null);

    private final Vertx vertx;
    private final Map<String, Availability> queues = new ConcurrentHashMap<>();
    private final List<CustomerMessage> messages = new CopyOnWriteArrayList<>();
    private volatile boolean availabilityMissing;
    private volatile long assignAfterMillis;
    private volatile Consumer<SimulatedChat> onAssigned = chat -> { };

    AgentDesk(Vertx vertx, long assignAfterMillis) {
        this.vertx = vertx;
        this.assignAfterMillis = assignAfterMillis;
    }

    Availability availability(String queue) {
        return queues.getOrDefault(queue, OPEN);
    }

    void setAvailability(String queue, Availability availability) {
        queues.put(queue, availability);
    }

    boolean availabilityMissing() {
        return availabilityMissing;
    }

    void setAvailabilityMissing(boolean missing) {
        this.availabilityMissing = missing;
    }

    void message(CustomerMessage message) {
        messages.add(message);
    }

    List<CustomerMessage> messages() {
        return List.copyOf(messages);
    }

    /** Agents take a transferred chat this long after the transfer (ms); negative = never. */
    void setAssignAfterMillis(long millis) {
        this.assignAfterMillis = millis;
    }

    void onAssigned(Consumer<SimulatedChat> announce) {
        this.onAssigned = announce;
    }

    /** A chat was transferred (or moved to another queue): an agent takes it after the set delay, if ever. */
    void transferred(SimulatedChat chat) {
        long delay = assignAfterMillis;
        if (delay < 0) {
            return;
        }
        vertx.setTimer(Math.max(1, delay), t -> {
            if (chat.assign()) {
                onAssigned.accept(chat);
            }
        });
    }

    void reset(long assignAfterMillis) {
        queues.clear();
        availabilityMissing = false;
        this.assignAfterMillis = assignAfterMillis;
    }

    static String now() {
        return Instant.now().toString();
    }
}
