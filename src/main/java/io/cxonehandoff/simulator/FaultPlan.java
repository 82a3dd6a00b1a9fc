package io.cxonehandoff.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** Scripted failures: the next N calls of an operation answer a given status (or {@link #GARBLED}). */
final class FaultPlan {

    /** Pseudo status: answer 200 with a body that is not JSON. */
    static final int GARBLED = -200;

    private final Map<Operation, Deque<Integer>> scripted = new EnumMap<>(Operation.class);
    private final Map<Operation, double[]> random = new EnumMap<>(Operation.class);
    private final Random dice = new Random(7);

    /** Each call of {@code operation} answers {@code status} with probability {@code ratio} (0 = off). */
    synchronized void failRandomly(Operation operation, double ratio, int status) {
        random.put(operation, new double[] {ratio, status});
    }

    synchronized void failNext(Operation operation, int count, int status) {
        Deque<Integer> queue = scripted.computeIfAbsent(operation, op -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(status);
        }
    }

    synchronized void clear() {
        scripted.clear();
        random.clear();
    }

    /** The scripted status for this call, or 0 when it should be served normally. */
    synchronized int next(Operation operation) {
        Deque<Integer> queue = scripted.get(operation);
        Integer status = queue == null ? null : queue.poll();
        if (status != null) {
            return status;
        }
        double[] chance = random.get(operation);
        return chance != null && dice.nextDouble() < chance[0] ? (int) chance[1] : 0;
    }
}
