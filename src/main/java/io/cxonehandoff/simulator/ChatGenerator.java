package io.cxonehandoff.simulator;

import io.vertx.core.Vertx;

/**
 * A steady stream of bot chats for the standalone run: some need a handoff (low confidence or a customer
 * request, half each), the others are handled by the bot. Deterministic from the seed.
 */
final class ChatGenerator extends PeriodicChatSource {

    private static final String[] INTENTS = {"billing", "technical", "orders", "cancel_contract"};

    ChatGenerator(Vertx vertx, CxoneSimulator simulator, SimulatorSettings settings) {
        super(vertx, simulator, settings);
    }

    @Override
    protected synchronized void next() {
        String id = nextId("sim");
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
}
