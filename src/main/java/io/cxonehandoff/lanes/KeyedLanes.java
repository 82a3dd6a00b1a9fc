package io.cxonehandoff.lanes;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * A bounded queue of exchanges in lanes by key. Exchanges of one key are taken one at a time, in the order
 * they were put; a lane is handed to whichever worker asks next, so no key waits behind another key's slow
 * work (unlike a fixed hash partition). A lane exists only while its key has work: nothing grows with the
 * number of keys ever seen.
 *
 * <p>With an {@link AggregationStrategy}, an exchange may be coalesced with the last exchange still waiting in
 * its key's lane (never with the one running): unless the strategy's {@code preComplete(waiting, arriving)}
 * says they must stay apart, the strategy's {@code aggregate(waiting, arriving)} takes the waiting one's place.
 * Only the lane's last exchange is a candidate, so an exchange kept apart stays between the ones around it.
 */
final class KeyedLanes {

    /** An exchange taken for processing; {@link #done(Taken)} must follow. */
    record Taken(String key, Exchange exchange) {
    }

    /** Guarded by {@link #lock}: the explicit {@code size} of an endpoint may set it after the queue exists. */
    private int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition laneReady = lock.newCondition();
    /** Waiting exchanges per key. A key is here while it has work waiting or running. */
    private final Map<String, ArrayDeque<Exchange>> lanes = new HashMap<>();
    /** Keys whose next exchange may run now, oldest first; a running key is not here. */
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private int waiting;

    KeyedLanes(int capacity) {
        this.capacity = checked(capacity);
    }

    /** Changes how many exchanges may wait; producers blocked by the old bound go on if the new one allows. */
    void resize(int newCapacity) {
        lock.lock();
        try {
            capacity = checked(newCapacity);
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        lock.lock();
        try {
            return capacity;
        } finally {
            lock.unlock();
        }
    }

    private static int checked(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        return capacity;
    }

    /** Queues an exchange behind its key's earlier ones; blocks while {@code capacity} exchanges wait. */
    void put(String key, Exchange exchange) throws InterruptedException {
        put(key, exchange, null);
    }

    /**
     * Queues an exchange behind its key's earlier ones, or coalesces it with the last of them that still waits
     * (see the class comment): a coalesced exchange takes no room, so it never blocks. Otherwise blocks while
     * {@code capacity} exchanges wait. Answers whether it was coalesced.
     */
    boolean put(String key, Exchange exchange, AggregationStrategy coalescing) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (coalescing != null && coalesced(key, exchange, coalescing)) {
                    return true;
                }
                if (waiting < capacity) {
                    break;
                }
                // while blocked, the lane's waiting exchange may start running, or another one may arrive: ask again
                notFull.await();
            }
            ArrayDeque<Exchange> lane = lanes.get(key);
            if (lane == null) {
                lane = new ArrayDeque<>();
                lanes.put(key, lane);
                ready.add(key);
                laneReady.signal();
            }
            lane.add(exchange);
            waiting++;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. The lane's queue holds only waiting exchanges: the running one was polled. */
    private boolean coalesced(String key, Exchange arriving, AggregationStrategy coalescing) {
        ArrayDeque<Exchange> lane = lanes.get(key);
        Exchange last = lane == null ? null : lane.peekLast();
        if (last == null || coalescing.canPreComplete() && coalescing.preComplete(last, arriving)) {
            return false;
        }
        Exchange merged = coalescing.aggregate(last, arriving);
        lane.pollLast();
        lane.addLast(merged == null ? last : merged);
        return true;
    }

    /** The next exchange of the longest-ready lane, or null if none became ready within the timeout. */
    Taken take(long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lockInterruptibly();
        try {
            while (ready.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = laneReady.awaitNanos(nanos);
            }
            String key = ready.poll();
            Exchange next = lanes.get(key).poll();
            waiting--;
            notFull.signal();
            return new Taken(key, next);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the key's running exchange: its next one, if any, becomes ready (behind other ready lanes). */
    void done(Taken taken) {
        lock.lock();
        try {
            ArrayDeque<Exchange> lane = lanes.get(taken.key());
            if (lane.isEmpty()) {
                lanes.remove(taken.key());
            } else {
                ready.add(taken.key());
                laneReady.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Exchanges queued and not yet taken. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Keys with work waiting or running. */
    int activeKeys() {
        lock.lock();
        try {
            return lanes.size();
        } finally {
            lock.unlock();
        }
    }
}
