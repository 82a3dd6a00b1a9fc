package io.cxonehandoff.simulator;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The chats the simulator knows; generated ones beyond {@code maxGenerated} are forgotten oldest first. */
final class ChatStore {

    private final Map<String, SimulatedChat> chats = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> generatedOrder = new ConcurrentLinkedQueue<>();
    private final int maxGenerated;

    ChatStore(int maxGenerated) {
        this.maxGenerated = maxGenerated;
    }

    SimulatedChat put(SimulatedChat chat) {
        chats.put(chat.id(), chat);
        return chat;
    }

    SimulatedChat putGenerated(SimulatedChat chat) {
        generatedOrder.add(chat.id());
        while (generatedOrder.size() > maxGenerated) {
            String oldest = generatedOrder.poll();
            if (oldest != null) {
                chats.remove(oldest);
            }
        }
        return put(chat);
    }

    SimulatedChat get(String id) {
        return id == null ? null : chats.get(id);
    }

    /** The chat a test names; {@code kind} (chat, case) says what it is in the error when there is none. */
    SimulatedChat require(String id, String kind) {
        SimulatedChat chat = get(id);
        if (chat == null) {
            throw new IllegalArgumentException("unknown " + kind + " " + id);
        }
        return chat;
    }

    Collection<SimulatedChat> all() {
        return List.copyOf(chats.values());
    }
}
