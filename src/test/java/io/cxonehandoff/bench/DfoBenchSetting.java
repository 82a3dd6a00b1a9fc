package io.cxonehandoff.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.cxonehandoff.simulator.SimulatorSettings;

/**
 * The benchmark's dfo setting ({@code --profile dfo}): the simulator speaks DFO 3.0, the jar runs with
 * {@code CXONE_API_PROFILE=dfo} and its shipped settings (the reconciliation on, every 10 s). A case's events reach
 * the integration only once it is subscribed, which the reconciliation does: each case is first a bot case the bot
 * copes with, and once every case is subscribed, each one's turn is a bot that gives up (its custom field
 * {@code bot_confidence} drops) and the event saying so. The handoff then costs a case read, one transcript page
 * (20 messages), the custom fields and the routing-queue change; the subscription (made before) and the search pages
 * are amortised over the handoffs: {@link #report} counts them all.
 */
final class DfoBenchSetting {

    /** Calls that are not part of a handoff's cost: discovery, tokens, where the event hub is, EventInS3. */
    private static final Set<Operation> NOT_HANDOFF = Set.of(Operation.TOKEN, Operation.DISCOVERY, Operation.EVENT_HUB_URL,
            Operation.S3);

    private DfoBenchSetting() {
    }

    static SimulatorSettings settings(SimulatorSettings settings) {
        return settings.profile(SimulatorSettings.DFO).accessKeySecret(UUID.randomUUID().toString());
    }

    /** Coping bot cases, until each is subscribed (the reconciliation at the connect or the next one, 10 s apart). */
    static void watch(CxoneSimulator tenant, List<String> ids, int messages) {
        ids.forEach(id -> tenant.chat(id).confidence(0.9).messages(messages).create());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!ids.stream().allMatch(tenant.dfo()::isSubscribed)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("cases not subscribed within 5 minutes");
            }
            try {
                Thread.sleep(100); // polling the benchmark's progress, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The bot gives up on the case (its confidence drops) and the event says so. */
    static void trigger(CxoneSimulator tenant, String id, int messages) {
        tenant.chat(id).confidence(0.1).messages(messages).create();
        tenant.emitEvent(id);
    }

    /**
     * The calls per handoff of the measured burst, by operation: those that reached the simulator from {@code start}
     * to {@code end}, plus the subscriptions of its cases (posted before, once per case). Returns C: all of them
     * over the handoffs.
     */
    static double report(CxoneSimulator tenant, Set<String> ids, Instant start, Instant end, int handoffs) {
        Map<Operation, Long> calls = new EnumMap<>(Operation.class);
        for (RecordedRequest r : tenant.requests()) {
            boolean inBurst = !r.receivedAt().isBefore(start) && !r.receivedAt().isAfter(end);
            boolean ownSubscription = r.operation() == Operation.SUBSCRIBE && ids.contains(r.interactionId());
            if (!NOT_HANDOFF.contains(r.operation()) && r.operation() != Operation.SUBSCRIBE && inBurst || ownSubscription) {
                calls.merge(r.operation(), 1L, Long::sum);
            }
        }
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("dfo calls per handoff:");
        calls.forEach((operation, count) -> line.append(String.format(Locale.ROOT, " %s %.3f", operation, count / (double) handoffs)));
        long inBurst = total - calls.getOrDefault(Operation.SUBSCRIBE, 0L);
        System.err.printf(Locale.ROOT, "%s; C = %.3f (%.3f within the burst, subscriptions posted before it %.3f)%n", line,
                total / (double) handoffs, inBurst / (double) handoffs, calls.getOrDefault(Operation.SUBSCRIBE, 0L) / (double) handoffs);
        return inBurst / (double) handoffs;
    }
}
