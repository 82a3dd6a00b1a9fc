package io.cxonehandoff.simulator;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;

/**
 * A steady stream of bot chats for the standalone run: some need a handoff (low confidence or a customer
 * request, half each), the others are handled by the bot. Deterministic from the seed.
 */
final class ChatGenerator implements ChatSource {

    private static final String[] INTENTS = {"billing", "technical", "orders", "cancel_contract"};

    private final Vertx vertx;
    private final CxoneSimulator simulator;
    private final SimulatorSettings settings;
    private final Random random;
    private final AtomicInteger generated = new AtomicInteger();
    /** Distinguishes this run's chats from an earlier run's, whose handoffs the data directory remembers. */
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    private long timer = -1;

    ChatGenerator(Vertx vertx, CxoneSimulator simulator, SimulatorSettings settings) {
        this.vertx = vertx;
        this.simulator = simulator;
        this.settings = settings;
        this.random = new Random(settings.getSeed());
    }

    @Override
    public void start() {
        double perSecond = settings.getGeneratorChatsPerSecond();
        if (perSecond > 0) {
            timer = vertx.setPeriodic(Math.max(1, (long) (1000 / perSecond)), t -> next());
        }
    }

    @Override
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public int generated() {
        return generated.get();
    }

    private synchronized void next() {
        String id = String.format("sim-%s-%06d", run, generated.incrementAndGet());
        ChatBuilder chat = simulator.generatedChat(id).messages(random.nextInt(settings.getGeneratorMaxMessages() + 1));
        if (random.nextDouble() < settings.getGeneratorHandoffRatio()) {
            if (random.nextBoolean()) {
                chat.confidence(round(random.nextDouble() * 0.34));
            } else {
                chat.confidence(round(0.6 + random.nextDouble() * 0.39)).userRequestedTransfer(true);
            }
        } else {
            chat.confidence(round(0.6 + random.nextDouble() * 0.39));
        }
        // what the handoff policy's other rules read (docs/cxone-api.md): language, intent, tier, sentiment
        chat.attribute("language", random.nextInt(4) == 0 ? "de" : "en")
                .attribute("intent", INTENTS[random.nextInt(INTENTS.length)])
                .attribute("tier", random.nextInt(10) == 0 ? "vip" : "standard")
                .attribute("customer_sentiment", round(random.nextDouble() * 2 - 1));
        if (random.nextInt(8) == 0) {
            chat.customerSays("Can I please talk to a real person?");
        }
        // the bot's own confidence on its last two answers (repeated-low-confidence from-transcript): now and then both lowish
        chat.botConfidences(random.nextInt(6) == 0
                ? new double[] {round(0.36 + random.nextDouble() * 0.13), round(0.36 + random.nextDouble() * 0.13)}
                : new double[] {round(0.6 + random.nextDouble() * 0.39), round(0.6 + random.nextDouble() * 0.39)});
        chat.create();
        simulator.emitEvent(id);
        if (random.nextInt(3) == 0) {
            vertx.setTimer(200, t -> simulator.emitEvent(id, "awaiting_response"));
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
