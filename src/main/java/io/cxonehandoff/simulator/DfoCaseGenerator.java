package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;

/**
 * A steady stream of bot cases for the standalone run in the dfo profile: each is a conversation of a few turns
 * (a customer message and a bot answer each, announced with MessageAddedIntoCase), during which the bot writes its
 * confidence into the case's custom fields. Some end needing a handoff (at the last turn the confidence falls under
 * 0.35, or handoff_requested turns true, half each); the others are closed by the bot. Outcomes are deterministic
 * from the seed.
 */
final class DfoCaseGenerator implements ChatSource {

    private static final int MAX_TURNS = 4;

    private final Vertx vertx;
    private final CxoneSimulator simulator;
    private final DfoTenant tenant;
    private final SimulatorSettings settings;
    private final Random random;
    private final AtomicInteger generated = new AtomicInteger();
    /** Distinguishes this run's cases from an earlier run's, whose handoffs the data directory remembers. */
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    private volatile boolean running;
    private long timer = -1;

    /** How one conversation goes, decided when it starts. */
    private record Plan(double[] confidences, boolean handoff, boolean customerAsks) {
    }

    DfoCaseGenerator(Vertx vertx, CxoneSimulator simulator, DfoTenant tenant, SimulatorSettings settings) {
        this.vertx = vertx;
        this.simulator = simulator;
        this.tenant = tenant;
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

    private synchronized void next() {
        String id = String.format("case-%s-%06d", run, generated.incrementAndGet());
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
        if (!running || chat.isTransferred() || "completed".equals(chat.state())) {
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

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
