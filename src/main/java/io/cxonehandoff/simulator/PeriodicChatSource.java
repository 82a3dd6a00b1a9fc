package io.cxonehandoff.simulator;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;

/**
 * What both standalone generators ({@link ChatGenerator}, {@link DfoCaseGenerator}) share: a random from the seed,
 * this run's ids, and a timer that calls {@link #next()} at the settings' chats per second.
 */
abstract class PeriodicChatSource implements ChatSource {

    protected final Vertx vertx;
    protected final CxoneSimulator simulator;
    protected final SimulatorSettings settings;
    protected final Random random;
    private final AtomicInteger generated = new AtomicInteger();
    /** Distinguishes this run's chats from an earlier run's, whose handoffs the data directory remembers. */
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    private volatile boolean running;
    private long timer = -1;

    PeriodicChatSource(Vertx vertx, CxoneSimulator simulator, SimulatorSettings settings) {
        this.vertx = vertx;
        this.simulator = simulator;
        this.settings = settings;
        this.random = new Random(settings.getSeed());
    }

    @Override
    public void start() {
        double perSecond = settings.getGeneratorChatsPerSecond();
        if (perSecond > 0) {
            running = true;
            timer = vertx.setPeriodic(Math.max(1, (long) (1000 / perSecond)), t -> next());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public int generated() {
        return generated.get();
    }

    /** Between {@link #start()} and {@link #stop()}. */
    protected final boolean running() {
        return running;
    }

    /** The next chat's id: {@code <prefix>-<run>-<counter, six digits>}. */
    protected final String nextId(String prefix) {
        return String.format("%s-%s-%06d", prefix, run, generated.incrementAndGet());
    }

    /** Makes one chat (called by the timer). */
    protected abstract void next();

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
