package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;

/**
 * A steady stream of bot cases for the standalone run in the dfo profile: each is a conversation of a few turns
 * (a customer message and a bot answer each, announced with MessageAddedIntoCase), during which the bot writes its
 * confidence into the case's custom fields. Some end needing a handoff (at the last turn the confidence falls under
 * 0.35, or handoff_requested turns true, half each); the others are closed by the bot. Outcomes are deterministic
 * from the seed.
 */
final class DfoCaseGenerator extends PeriodicChatSource {

    private static final int MAX_TURNS = 4;

    private final DfoTenant tenant;

    /** How one conversation goes, decided when it starts. */
    private record Plan(double[] confidences, boolean handoff, boolean customerAsks) {
    }

    DfoCaseGenerator(Vertx vertx, CxoneSimulator simulator, DfoTenant tenant, SimulatorSettings settings) {
        super(vertx, simulator, settings);
        this.tenant = tenant;
    }

    @Override
    protected synchronized void next() {
        String id = nextId("case");
        Plan plan = plan();
        SimulatedChat chat = simulator.generatedChat(id)
                .messages(random.nextInt(settings.getGeneratorMaxMessages() + 1))
                .confidence(high())
                .create();
        tenant.send(chat, CaseEvent.CASE_CREATED, null, null, false);
        vertx.setTimer(settings.getGeneratorTurnMillis(), t -> turn(chat, plan, 0));
    }

    private Plan plan() {
        double[] confidences = new double[1 + random.nextInt(MAX_TURNS)];
        for (int i = 0; i < confidences.length; i++) {
            confidences[i] = high();
        }
        boolean handoff = random.nextDouble() < settings.getGeneratorHandoffRatio();
        boolean customerAsks = handoff && random.nextBoolean();
        if (handoff && !customerAsks) {
            confidences[confidences.length - 1] = round(random.nextDouble() * 0.34);
        }
        return new Plan(confidences, handoff, customerAsks);
    }

    /** One turn: the customer writes, the bot answers and sets its fields; the last turn ends the conversation. */
    private void turn(SimulatedChat chat, Plan plan, int index) {
        if (!running() || chat.isTransferred() || "completed".equals(chat.state())) {
            return; // handed off (or closed) meanwhile: the bot has nothing more to say
        }
        boolean last = index == plan.confidences().length - 1;
        int next = chat.messages().size();
        chat.addMessages(List.of(now(ChatBuilder.message(chat.id(), next, "customer")),
                now(ChatBuilder.message(chat.id(), next + 1, "bot"))));
        chat.setConfidence(plan.confidences()[index]);
        if (last && plan.customerAsks()) {
            chat.setUserRequestedTransfer(true);
        }
        tenant.send(chat, CaseEvent.MESSAGE_ADDED, null, null, false);
        if (!last) {
            vertx.setTimer(settings.getGeneratorTurnMillis(), t -> turn(chat, plan, index + 1));
        } else if (!plan.handoff()) {
            chat.setState("completed");
            tenant.send(chat, CaseEvent.STATUS_CHANGED, null, null, false);
        }
    }

    private static Map<String, Object> now(Map<String, Object> message) {
        message.put("timestamp", Instant.now().toString());
        return message;
    }

    private double high() {
        return round(0.6 + random.nextDouble() * 0.39);
    }
}
