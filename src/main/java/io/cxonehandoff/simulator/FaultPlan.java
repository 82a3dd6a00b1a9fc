package io.cxonehandoff.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/** Scripted failures: the next N calls of an operation answer a given status (or {@link #GARBLED}). */
final class FaultPlan {

    /** Pseudo status: answer 200 with a body that is not JSON. */
    static final int GARBLED = -200;

    private final Map<Operation, Deque<Integer>> scripted = new EnumMap<>(Operation.class);

    synchronized void failNext(Operation operation, int count, int status) {
        Deque<Integer> queue = scripted.computeIfAbsent(operation, op -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(status);
        }
    }

    /** The scripted status for this call, or 0 when it should be served normally. */
    synchronized int next(Operation operation) {
        Deque<Integer> queue = scripted.get(operation);
        Integer status = queue == null ? null : queue.poll();
        return status == null ? 0 : status;
    }
}
