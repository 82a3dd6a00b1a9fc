package io.cxonehandoff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxonehandoff.EmbeddedTenant;
import io.cxonehandoff.simulator.CustomerMessage;
import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.cxonehandoff.simulator.SimulatorSettings;
import io.cxonehandoff.simulator.Transfer;

/**
 * The benchmark behind {@code bench/run.sh}: the packaged integration (and optionally the seed tutorial's
 * Python script) against the simulator with a given latency, rate limit and chat count. Prints one
 * markdown table row per program, and one row of its calls per handoff by operation ({@code calls: | ...}).
 *
 * <p>C is measured, not assumed: every call the simulator recorded for the measured chats (by interaction id), plus
 * the calls that name no chat (catch-up listing pages, queue availability, tokens) made within the measured run.
 * C counts the handoff's own calls (interaction reads, listing pages, message pages, context, transfer); C_total adds
 * the customer messages, the availability checks and the tokens. C_min is what the API allows at least: one read, the
 * message pages of the chat's history ({@code ceil(messages / cxone.api.page-size)}), one context, one transfer.
 *
 * <p>Scenarios ({@code --scenario}): {@code steady} (the default: a warmed-up integration, catch-up off, one burst of
 * events for new chats), {@code cold} (the same without the warm-up), {@code restart} (the chats are with the bot
 * before the integration starts; a cold JVM with catch-up on, and every chat's live event emitted the moment its
 * socket is subscribed), {@code multi-event} (warmed up, catch-up off; each chat gets {@code --events} events in quick
 * succession, its confidence falling turn by turn, the last one low).
 */
public final class HandoffBenchmark {

    private static final int MESSAGES_PER_CHAT = 20;
    /** Made by bench/run.sh as the Dockerfile makes the image's (bin/class-data-archive). */
    private static final Path CLASS_DATA_ARCHIVE = Path.of("target/cxone-handoff.jsa");
    /** The simulator's largest page (RestApi.MAX_PAGE): a larger cxone.api.page-size is served as this. */
    private static final int SIMULATOR_MAX_PAGE = 100;
    /**
     * How long paced handoffs run before a measurement (see {@link #warmUp}), so that it measures a running integration
     * (JIT-compiled, connections open), not one that has just started. Bursting a cold integration (and the
     * simulator's cold JVM) only measures the JIT compiler.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 25));
    /** The warm-up's top pace: three quarters of the binding bound, at most this many handoffs per second. */
    private static final double WARM_UP_MAX_RATE = 100;
    /** Calls that name no chat but belong to the run: the catch-up's listing pages, queue availability, tokens. */
    private static final Set<Operation> RUN_WIDE = EnumSet.of(Operation.LIST_INTERACTIONS, Operation.GET_AVAILABILITY,
            Operation.TOKEN);
    /** The handoff's own calls: C. */
    private static final Set<Operation> HANDOFF_CALLS = EnumSet.of(Operation.GET_INTERACTION, Operation.LIST_INTERACTIONS,
            Operation.GET_MESSAGES, Operation.PATCH_CONTEXT, Operation.TRANSFER);
    /** The multi-event scenario's confidence per turn: falling, the last one below handoff.confidence-threshold (0.35). */
    private static final double[] TURN_CONFIDENCE = {0.9, 0.7, 0.5, 0.2, 0.15, 0.1};

    private final int chats;
    private final long latencyMs;
    private final double rps;
    private final int parallelism;
    private final Path out;
    /** {@code --profile dfo}: the dfo setting ({@link DfoBenchSetting}). */
    private boolean dfo;
    private String scenario = "steady";
    /** {@code --events}: events per chat in the multi-event scenario. */
    private int eventsPerChat = 4;
    /** {@code --event-gap-ms}: between two turns of all chats in the multi-event scenario. */
    private long eventGapMs = 10;
    /** {@code --customer-message off}: the jar runs with handoff.customer-message.enabled=false. */
    private boolean customerMessages = true;
    /** C_min: one read, the history's pages, one context, one transfer (also what the warm-up paces by). */
    private final double minCalls;

    private HandoffBenchmark(int chats, long latencyMs, double rps, int parallelism, Path out) {
        this.chats = chats;
        this.latencyMs = latencyMs;
        this.rps = rps;
        this.parallelism = parallelism;
        this.out = out;
        this.minCalls = 1 + historyPages(MESSAGES_PER_CHAT) + 1 + 1;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        HandoffBenchmark bench = new HandoffBenchmark(
                Integer.parseInt(opts.getOrDefault("chats", "300")),
                Long.parseLong(opts.getOrDefault("latency-ms", "20")),
                Double.parseDouble(opts.getOrDefault("rps", "50")),
                Integer.parseInt(opts.getOrDefault("parallelism", "128")),
                Path.of(opts.getOrDefault("out", "target/bench")));
        Files.createDirectories(bench.out);
        bench.dfo = "dfo".equals(opts.get("profile"));
        bench.scenario = opts.getOrDefault("scenario", "steady");
        if (!List.of("steady", "cold", "restart", "multi-event").contains(bench.scenario)) {
            throw new IllegalArgumentException("--scenario is steady, cold, restart or multi-event, not " + bench.scenario);
        }
        bench.eventsPerChat = Math.max(1, Math.min(TURN_CONFIDENCE.length, Integer.parseInt(opts.getOrDefault("events", "4"))));
        bench.eventGapMs = Long.parseLong(opts.getOrDefault("event-gap-ms", "10"));
        bench.customerMessages = !"off".equals(opts.get("customer-message"));
        if (bench.dfo && (opts.containsKey("light-load") || opts.containsKey("seed") || !"steady".equals(bench.scenario))) {
            throw new IllegalArgumentException("--profile dfo measures the steady throughput only (the seed speaks the tutorial API)");
        }
        if (opts.containsKey("seed") && "multi-event".equals(bench.scenario)) {
            throw new IllegalArgumentException("the seed runs in the steady, cold and restart scenarios");
        }
        if (opts.containsKey("light-load")) {
            System.out.println(bench.lightLoad());
            return;
        }
        String label = bench.dfo ? "cxone-handoff (dfo)" : bench.customerMessages ? "cxone-handoff" : "cxone-handoff, no customer message";
        System.out.println(bench.run(label, bench.integrationCommand(), true));
        if (opts.containsKey("seed")) {
            System.out.println(bench.run("seed (Python)", bench.seedCommand(Path.of(opts.get("seed"))), false));
        }
    }

    private String run(String program, List<String> command, boolean ours) throws Exception {
        String secret = UUID.randomUUID().toString();
        SimulatorSettings settings = new SimulatorSettings().clientSecret(secret).latencyMillis(latencyMs).rateLimitPerSecond(rps);
        boolean restart = "restart".equals(scenario);
        boolean multiEvent = "multi-event".equals(scenario);
        boolean warm = ours && ("steady".equals(scenario) || multiEvent);
        List<String> ids = java.util.stream.IntStream.range(0, chats).mapToObj(i -> "bench-" + i).toList();
        if (!warm && !dfo) {
            // no warm-up of the integration (the situation); the stand-in tenant's JVM is warmed, as a tenant is
            warmSimulatorJvm();
        }
        try (CxoneSimulator tenant = new CxoneSimulator(dfo ? DfoBenchSetting.settings(settings) : settings).start()) {
            if (restart) {
                prepare(tenant, ids); // with the bot, waiting for a handoff, before the integration starts
            }
            Instant launched = Instant.now();
            Process process = start(command, tenant, program);
            try {
                // the restart: the chats' live events the moment the socket is subscribed (as close to it as a poll gets)
                waitForSubscribed(tenant, restart ? 1_000_000 : 20_000_000);
                Instant subscribed = Instant.now();
                int warmedUp = warm ? warmUp(tenant) : 0;

                Map<String, Instant> emitted = new HashMap<>();
                if (!restart) {
                    prepare(tenant, ids);
                }
                long integrationCpu = cpuMillis(process.pid());
                Map<String, Long> threadCpu = threadCpuMillis(process.pid());
                long ownCpu = ownCpuMillis();
                Instant start = Instant.now();
                int turns = multiEvent ? eventsPerChat : 1;
                for (int turn = 0; turn < turns; turn++) {
                    if (turn > 0 && eventGapMs > 0) {
                        LockSupport.parkNanos(eventGapMs * 1_000_000);
                    }
                    for (String id : ids) {
                        if (multiEvent) {
                            // a new turn of the conversation: the bot's confidence, then the event (state changes too)
                            tenant.setChatConfidence(id, TURN_CONFIDENCE[TURN_CONFIDENCE.length - eventsPerChat + turn]);
                            emitted.putIfAbsent(id, Instant.now());
                            tenant.emitEvent(id, turn % 2 == 0 ? "bot_active" : "awaiting_response");
                        } else {
                            emitted.put(id, Instant.now());
                            trigger(tenant, id);
                        }
                    }
                }
                waitForProgress(tenant, chats + warmedUp);
                Instant lastTransfer = tenant.acceptedTransfers().stream().filter(t -> emitted.containsKey(t.interactionId()))
                        .map(Transfer::at).max(Instant::compareTo).orElse(start);
                waitForQuiet(tenant);
                Instant windowEnd = Instant.now();
                // the customer messages go out after their transfers (a wire tap): how far behind the last one is
                tenant.customerMessages().stream().filter(m -> emitted.containsKey(m.interactionId())).map(CustomerMessage::at)
                        .max(Instant::compareTo).ifPresent(last -> System.err.printf(Locale.ROOT,
                                "%s (%s): last customer message %+d ms after the last transfer%n", program, scenario,
                                Duration.between(lastTransfer, last).toMillis()));
                System.err.printf(Locale.ROOT, "%s (%s): started to subscribed %d ms (class-data archive: %s); CPU during the measured run: program %d ms, simulator and driver %d ms%n",
                        program, scenario, Duration.between(launched, subscribed).toMillis(), classDataArchive(process.pid()),
                        cpuMillis(process.pid()) - integrationCpu, ownCpuMillis() - ownCpu);
                if (System.getenv("BENCH_GAPS") != null) {
                    Map<String, Long> after = threadCpuMillis(process.pid());
                    after.forEach((name, ms) -> {
                        long used = ms - threadCpu.getOrDefault(name, 0L);
                        if (used >= 30) {
                            System.err.printf(Locale.ROOT, "  %-28s %6d ms%n", name, used);
                        }
                    });
                }
                List<Transfer> transfers = tenant.acceptedTransfers().stream()
                        .filter(t -> emitted.containsKey(t.interactionId())).toList();
                double seconds = Math.max(0.001, Duration.between(start, lastTransfer).toMillis() / 1000.0);
                if (dfo) {
                    DfoBenchSetting.report(tenant, emitted.keySet(), start, lastTransfer, transfers.size());
                }
                // first transfer per chat (a duplicate would be a second accepted one, or a transfer answered 409)
                Map<String, Instant> firstTransfer = new HashMap<>();
                Map<String, Integer> acceptedPerChat = new HashMap<>();
                for (Transfer t : transfers) {
                    firstTransfer.merge(t.interactionId(), t.at(), (a, b) -> a.isBefore(b) ? a : b);
                    acceptedPerChat.merge(t.interactionId(), 1, Integer::sum);
                }
                int transferred = firstTransfer.size();
                List<Long> latencies = firstTransfer.entrySet().stream()
                        .map(e -> Duration.between(emitted.get(e.getKey()), e.getValue()).toMillis()).sorted().toList();
                // the run's calls: the measured chats' own, and (restart: from the launch) those that name no chat
                Instant windowStart = restart ? launched : start;
                Map<Operation, Long> calls = new EnumMap<>(Operation.class);
                long conflicts = 0;
                long rateLimited = 0;
                for (RecordedRequest r : tenant.requests()) {
                    boolean inWindow = !r.receivedAt().isBefore(windowStart) && !r.receivedAt().isAfter(windowEnd);
                    boolean ownChat = emitted.containsKey(r.interactionId());
                    if (ownChat || inWindow && RUN_WIDE.contains(r.operation()) && !emitted.containsKey(r.interactionId())) {
                        calls.merge(r.operation(), 1L, Long::sum);
                    }
                    if (ownChat && r.operation() == Operation.TRANSFER && r.status() == 409) {
                        conflicts++;
                    }
                    if (r.status() == 429) {
                        rateLimited++;
                    }
                }
                long duplicates = acceptedPerChat.values().stream().mapToLong(n -> n - 1).sum() + conflicts;
                long rateLimitedBefore = tenant.requests().stream()
                        .filter(r -> r.status() == 429 && r.receivedAt().isBefore(windowStart)).count();
                if (System.getenv("BENCH_GAPS") != null) {
                    List<Instant> arrivals = tenant.requests().stream().map(RecordedRequest::receivedAt).sorted().toList();
                    for (long window : new long[] {10, 25, 50, 100}) {
                        int most = 0;
                        for (int i = 0, j = 0; i < arrivals.size(); i++) {
                            while (Duration.between(arrivals.get(j), arrivals.get(i)).toMillis() >= window) {
                                j++;
                            }
                            most = Math.max(most, i - j + 1);
                        }
                        System.err.printf(Locale.ROOT, "most calls arriving within %d ms: %d%n", window, most);
                    }
                    // calls per 100 ms of the measured burst: where the tenant's limit was not used
                    int[] perTenth = new int[(int) (seconds * 10) + 2];
                    arrivals.stream().filter(a -> !a.isBefore(start))
                            .forEach(a -> perTenth[(int) Math.min(perTenth.length - 1, Duration.between(start, a).toMillis() / 100)]++);
                    System.err.println("calls per 100 ms from the burst: " + Arrays.toString(perTenth));
                }
                tenant.requests().stream().filter(r -> r.status() == 429).forEach(r -> System.err.printf(Locale.ROOT,
                        "429 at %+d ms from the measured burst (%s)%n", Duration.between(start, r.at()).toMillis(), r.operation()));
                double heapMb = ours ? heapUsedAfterGcMb(process.pid()) : Double.NaN;
                String limited = rateLimitedBefore == 0 ? String.valueOf(rateLimited)
                        : String.format(Locale.ROOT, "%d (+%d in the warm-up)", rateLimited - rateLimitedBefore, rateLimitedBefore);
                return rows(program, transferred, seconds, latencies, calls, limited, duplicates, heapMb, ours);
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * The run's two rows: throughput (handoffs/s against R / C_min) and, prefixed {@code calls: }, its calls per
     * handoff by operation.
     */
    private String rows(String program, int handoffs, double seconds, List<Long> latencies, Map<Operation, Long> calls,
                        String rateLimited, long duplicates, double heapMb, boolean ours) {
        double n = Math.max(1, handoffs);
        long handoffCalls = calls.entrySet().stream().filter(e -> HANDOFF_CALLS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        long allCalls = calls.values().stream().mapToLong(Long::longValue).sum();
        long other = allCalls - handoffCalls - calls.getOrDefault(Operation.POST_MESSAGE, 0L)
                     - calls.getOrDefault(Operation.GET_AVAILABILITY, 0L) - calls.getOrDefault(Operation.TOKEN, 0L);
        double c = handoffCalls / n;
        double cTotal = allCalls / n;
        double throughput = handoffs / seconds;
        double rateBound = rateBound(minCalls);
        double latencyBound = latencyBound(minCalls, ours ? parallelism : 1);
        String name = dfo || "steady".equals(scenario) ? program : program + ", " + scenario;
        String main = String.format(Locale.ROOT,
                "| %s | %d (%d transferred) | %d | %.0f | %.1f | %d | %d | %d | %.3f | %.3f | %.3f | %.1f | %.1f | %.0f %% | %.1f | %s | %d | %s |",
                name, chats, handoffs, latencyMs, rps, throughput, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                c, minCalls, cTotal, rateBound, latencyBound, 100 * throughput / rateBound,
                rps > 0 ? rps / cTotal : Double.POSITIVE_INFINITY, rateLimited, duplicates,
                Double.isNaN(heapMb) ? "n/a" : String.format(Locale.ROOT, "%.0f", heapMb));
        String byOperation = String.format(Locale.ROOT,
                "calls: | %s | %d | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f | **%.3f** | %.3f | %.3f | %.3f | %.3f | %.3f | **%.3f** |",
                name, latencyMs, rps, calls.getOrDefault(Operation.GET_INTERACTION, 0L) / n,
                calls.getOrDefault(Operation.LIST_INTERACTIONS, 0L) / n, calls.getOrDefault(Operation.GET_MESSAGES, 0L) / n,
                calls.getOrDefault(Operation.PATCH_CONTEXT, 0L) / n, calls.getOrDefault(Operation.TRANSFER, 0L) / n, c, minCalls,
                calls.getOrDefault(Operation.POST_MESSAGE, 0L) / n, calls.getOrDefault(Operation.GET_AVAILABILITY, 0L) / n,
                calls.getOrDefault(Operation.TOKEN, 0L) / n, other / n, cTotal);
        System.err.printf(Locale.ROOT, "%s (%s): calls %s over %d handoffs%n", name, scenario, calls, handoffs);
        return main + "\n" + byOperation;
    }

    /** Message pages a chat of {@code messages} messages costs at cxone.api.page-size (at least one: the first is read). */
    private static int historyPages(int messages) {
        int pageSize = Math.min(SIMULATOR_MAX_PAGE, pageSize());
        return Math.max(1, (messages + pageSize - 1) / pageSize);
    }

    /** cxone.api.page-size of application.properties (the jar's), 100 when not found. */
    private static int pageSize() {
        try {
            for (String line : Files.readAllLines(Path.of("application.properties"))) {
                Matcher m = Pattern.compile("^cxone\\.api\\.page-size\\s*=\\s*(\\d+)").matcher(line.trim());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            // the default below
        }
        return 100;
    }

    /**
     * Warms the benchmark JVM's simulator code (Vert.x, the routes, JSON, the record, the event socket) on a throw-away
     * simulator without latency or limit, for {@code bench.simulator-warm-up-seconds} (8; 0: none), so that in the cold
     * and restart scenarios only the integration is cold: a cold stand-in tenant stalls and then sees calls that
     * arrived meanwhile as a burst the integration never sent. The measured simulator is a new one (its record and rate
     * limit untouched).
     */
    private static void warmSimulatorJvm() throws Exception {
        long seconds = Long.getLong("bench.simulator-warm-up-seconds", 8);
        if (seconds <= 0) {
            return;
        }
        String secret = UUID.randomUUID().toString();
        try (CxoneSimulator sim = new CxoneSimulator(new SimulatorSettings().clientSecret(secret)).start()) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String form = "grant_type=client_credentials&client_id=" + sim.clientId() + "&client_secret=" + secret;
            String answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("simulator warm-up: no token in " + answer);
            }
            String token = m.group(1);
            java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(java.net.URI.create(sim.wsUrl()),
                    new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"action\":\"authenticate\",\"token\":\"" + token + "\"}", true).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(5), () -> {
                ws.sendText("{\"action\":\"subscribe\",\"topic\":\"interactions\"}", true).join();
                pause(50);
                return sim.subscribedSockets() == 1;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        String id = "sim-warm-" + next.incrementAndGet();
                        sim.chat(id).confidence(0.1).messages(MESSAGES_PER_CHAT).create();
                        sim.emitEvent(id);
                        String base = sim.baseUrl() + "/api/v2/interactions/" + id;
                        call(http, token, "GET", base, null);
                        call(http, token, "GET", base + "/messages?limit=100", null);
                        call(http, token, "PATCH", base + "/context", "{\"attributes\":{\"handoff_reason\":\"warm-up\"}}");
                        call(http, token, "GET", sim.baseUrl() + "/api/v2/queues/" + sim.queueId() + "/availability", null);
                        call(http, token, "POST", base + "/transfer",
                                "{\"target\":{\"type\":\"queue\",\"id\":\"" + sim.queueId() + "\"},\"context\":{\"handoff_reason\":\"warm-up\"},\"history\":[]}");
                        call(http, token, "POST", base + "/messages", "{\"author\":\"system\",\"content\":\"warm-up\"}");
                        if (next.get() % 50 == 0) {
                            call(http, token, "GET", sim.baseUrl() + "/api/v2/interactions?type=webchat&state=bot_active&limit=100", null);
                        }
                    }
                    return null;
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
            pool.shutdown();
            ws.abort();
            System.err.printf(Locale.ROOT, "simulator JVM warmed up: %d chats, %d calls in %d s%n", next.get(), sim.requests().size(), seconds);
        }
    }

    private static void call(java.net.http.HttpClient http, String token, String method, String url, String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    /** Until a socket is subscribed (60 s at most), polling every {@code pollNanos} (0: spinning). */
    private static void waitForSubscribed(CxoneSimulator tenant, long pollNanos) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tenant.subscribedSockets() < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no socket subscribed within 60 s");
            }
            if (pollNanos > 0) {
                LockSupport.parkNanos(pollNanos);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Until no call has arrived for a second (the customer messages after the last transfers), 15 s at most. */
    private static void waitForQuiet(CxoneSimulator tenant) {
        Instant deadline = Instant.now().plusSeconds(15);
        int seen = -1;
        Instant lastChange = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            int now = tenant.requests().size();
            if (now != seen) {
                seen = now;
                lastChange = Instant.now();
            } else if (Duration.between(lastChange, Instant.now()).toMillis() >= 1000) {
                return;
            }
            pause(100);
        }
    }

    /**
     * Handoffs for {@link #WARM_UP} (see there), paced: from a fifth of the warm-up rate up to all of it over
     * the first half (a cold JVM, ours and the simulator's, stalls on compilation under a sudden load),
     * then steady; then waits for their transfers. Answers how many there were.
     */
    private int warmUp(CxoneSimulator tenant) {
        int before = tenant.acceptedTransfers().size();
        double peak = Math.min(WARM_UP_MAX_RATE, 0.75 * Math.min(rateBound(minCalls), latencyBound(minCalls, parallelism)));
        double seconds = WARM_UP.toMillis() / 1000.0;
        // the ramp: rate(t) = peak * (0.2 + 0.8 * t / (seconds / 2)) for the first half, then peak
        List<Double> dueSeconds = new ArrayList<>();
        for (double t = 0; t < seconds; ) {
            dueSeconds.add(t);
            t += 1 / (peak * (0.2 + 0.8 * Math.min(1, t / (seconds / 2))));
        }
        int count = dueSeconds.size();
        prepare(tenant, java.util.stream.IntStream.range(0, count).mapToObj(i -> "warm-up-" + i).toList());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (dueSeconds.get(i) * 1e9);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            trigger(tenant, "warm-up-" + i);
        }
        waitFor(Duration.ofMinutes(5), () -> tenant.acceptedTransfers().size() >= before + count);
        return count;
    }

    /** The chats of a run, before their turn: tutorial: created; dfo: coping bot cases, once each is subscribed. */
    private void prepare(CxoneSimulator tenant, List<String> ids) {
        if (dfo) {
            DfoBenchSetting.watch(tenant, ids, MESSAGES_PER_CHAT);
        } else {
            ids.forEach(id -> tenant.chat(id).confidence(0.1).messages(MESSAGES_PER_CHAT).create());
        }
    }

    /** A chat's turn: its event (dfo: the bot gives up on the case first). */
    private void trigger(CxoneSimulator tenant, String id) {
        if (dfo) {
            DfoBenchSetting.trigger(tenant, id, MESSAGES_PER_CHAT);
        } else {
            tenant.emitEvent(id);
        }
    }

    /**
     * Added latency at light load: after the warm-up (a running integration is warm),
     * {@code chats} handoffs one at a time. For each, the time from the event's emission to the transfer
     * request's arrival at the simulator, minus the time the simulator spent on the calls before it (arrival
     * to answer: the calls' latencies, the queue-availability check's included). What is left is the integration's own time: socket hop, routing,
     * lanes, pace, HTTP client.
     */
    private String lightLoad() throws Exception {
        String secret = UUID.randomUUID().toString();
        try (CxoneSimulator tenant = new CxoneSimulator(new SimulatorSettings().clientSecret(secret)
                .latencyMillis(latencyMs).rateLimitPerSecond(rps)).start()) {
            Process process = start(integrationCommand(), tenant, "light-load");
            try {
                waitFor(Duration.ofSeconds(60), () -> tenant.subscribedSockets() == 1);
                int warmUp = warmUp(tenant);
                List<Long> added = new ArrayList<>();
                for (int i = 0; i < chats; i++) {
                    String id = "light-" + i;
                    tenant.chat(id).confidence(0.1).messages(MESSAGES_PER_CHAT).create();
                    Instant emitted = Instant.now();
                    tenant.emitEvent(id);
                    waitFor(Duration.ofSeconds(30), () -> tenant.requests().stream()
                            .anyMatch(r -> id.equals(r.interactionId()) && r.operation() == Operation.TRANSFER));
                    added.add(addedMicros(tenant, id, emitted));
                }
                added.sort(Long::compare);
                return String.format(Locale.ROOT, "| cxone-handoff | %d after %d warm-up | %d | %.0f | %.1f | %.1f | %.1f | %.1f |",
                        chats, warmUp, latencyMs, rps, pct(added, 50) / 1000.0, pct(added, 90) / 1000.0,
                        pct(added, 99) / 1000.0, pct(added, 100) / 1000.0);
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static long addedMicros(CxoneSimulator tenant, String id, Instant emitted) {
        List<RecordedRequest> calls = tenant.requests().stream().filter(r -> id.equals(r.interactionId())).toList();
        RecordedRequest transfer = calls.stream().filter(r -> r.operation() == Operation.TRANSFER).findFirst().orElseThrow();
        long callLatencies = calls.stream().filter(r -> r.operation() != Operation.TRANSFER)
                .mapToLong(r -> Duration.between(r.receivedAt(), r.at()).toNanos() / 1000).sum();
        // the queue's availability (cached, now and then one call before a transfer) names no chat: its time is the
        // simulator's too
        callLatencies += tenant.requests().stream().filter(r -> r.operation() == Operation.GET_AVAILABILITY
                                                             && !r.receivedAt().isBefore(emitted) && r.at().isBefore(transfer.receivedAt()))
                .mapToLong(r -> Duration.between(r.receivedAt(), r.at()).toNanos() / 1000).sum();
        if (System.getenv("BENCH_GAPS") != null) {
            StringBuilder gaps = new StringBuilder("gaps us:");
            Instant last = emitted;
            for (RecordedRequest r : calls) {
                gaps.append(' ').append(r.operation()).append(' ').append(Duration.between(last, r.receivedAt()).toNanos() / 1000)
                        .append('/').append(Duration.between(r.receivedAt(), r.at()).toNanos() / 1000);
                last = r.at();
            }
            System.err.println(gaps);
        }
        return Duration.between(emitted, transfer.receivedAt()).toNanos() / 1000 - callLatencies;
    }

    private void waitForProgress(CxoneSimulator tenant, int expected) {
        // until all are transferred, or nothing moved for 10 s (the seed loses handoffs)
        int last = -1;
        Instant lastMove = Instant.now();
        while (tenant.acceptedTransfers().size() < expected
               && Duration.between(lastMove, Instant.now()).toSeconds() < 10) {
            int now = tenant.acceptedTransfers().size();
            if (now != last) {
                last = now;
                lastMove = Instant.now();
            }
            pause(50);
        }
    }

    private Process start(List<String> command, CxoneSimulator tenant, String program) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.putAll(EmbeddedTenant.connectionEnvironment(tenant));
        env.put("CXONE_RATE_LIMIT_RPS", String.valueOf(rps));
        // the bench measures the pace within the rate limit: the dfo profile's hourly budget (120,000 calls) would
        // bind after a few minutes at the bench's rates
        env.put("CXONE_HOURLY_BUDGET", "0");
        env.put("HANDOFF_PARALLELISM", String.valueOf(parallelism));
        if (!dfo && !"restart".equals(scenario)) {
            // dfo: the reconciliation is how cases get subscribed; restart: the catch-up is part of the situation
            env.put("HANDOFF_CATCH_UP_ENABLED", "false");
        }
        if (!customerMessages) {
            env.put("HANDOFF_CUSTOMER_MESSAGE_ENABLED", "false");
        }
        env.put("CXONE_HANDOFF_MANAGEMENT_PORT", "0");
        env.put("CXONE_HANDOFF_DATA_DIR", out.resolve("data-" + UUID.randomUUID()).toString());
        Path log = out.resolve(program.replaceAll("[^A-Za-z0-9-]", "") + "-" + chats + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private List<String> integrationCommand() {
        List<String> command = new ArrayList<>();
        // BENCH_NICE=10: the integration yields the CPU to the simulator, which stands in for a tenant on
        // its own machines (on 2 shared cores a starved simulator counts its own delays as our bursts)
        String nice = System.getenv("BENCH_NICE");
        if (nice != null && !nice.isBlank()) {
            command.addAll(List.of("nice", "-n", nice.trim()));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // e.g. BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=target/bench/integration.jfr to profile it
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // the class-data archive the container image starts from (bin/class-data-archive, made by bench/run.sh);
        // BENCH_CDS=0: none
        if (!"0".equals(System.getenv("BENCH_CDS")) && Files.isRegularFile(CLASS_DATA_ARCHIVE)) {
            command.add("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE);
        }
        command.addAll(List.of("-jar", "target/cxone-handoff.jar"));
        return command;
    }

    /** The seed's complete example, unchanged but for its URLs and credentials (read from the environment). */
    private List<String> seedCommand(Path tutorial) throws IOException {
        String text = Files.readString(tutorial);
        int from = text.indexOf("import asyncio", text.indexOf("Complete Working Example"));
        int to = text.indexOf("asyncio.run(main())", from) + "asyncio.run(main())".length();
        String script = text.substring(from, to)
                .replace("\"https://platform.niceincontact.com\"", "os.environ['CXONE_BASE_URL']")
                .replace("f\"wss://platform.niceincontact.com/interaction/v1/events\"", "os.environ['CXONE_WS_URL']")
                .replace("\"YOUR_CLIENT_ID\"", "os.environ['CXONE_CLIENT_ID']")
                .replace("\"YOUR_CLIENT_SECRET\"", "os.environ['CXONE_CLIENT_SECRET']")
                .replace("\"your_target_queue_id_here\"", "os.environ['CXONE_QUEUE_ID']");
        Path seed = out.resolve("seed.py");
        Files.writeString(seed, "import os\n" + script + "\n");
        return List.of("/usr/bin/python3", seed.toString());
    }

    /** Throughput bound by the tenant's limit: R / C handoffs/s. */
    private double rateBound(double calls) {
        return rps > 0 ? rps / calls : Double.POSITIVE_INFINITY;
    }

    /** Throughput bound by parallelism P and call latency: P / (C·L) handoffs/s. */
    private double latencyBound(double calls, int p) {
        return p / (calls * latencyMs / 1000.0);
    }

    /** Whether the JVM mapped the class-data archive (a stale or foreign one it refuses, and runs without). */
    private static String classDataArchive(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "maps")).contains(CLASS_DATA_ARCHIVE.getFileName().toString())
                    ? "in use" : "none";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** User + system CPU time of a process and its threads so far, from /proc (Linux). */
    private static long cpuMillis(long pid) throws IOException {
        return statCpuMillis(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** utime + stime of a /proc stat line (fields 14 and 15, counted after the command name). */
    private static long statCpuMillis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // USER_HZ is 100 on Linux
    }

    /** CPU time per kind of thread (the thread's name without its number), from /proc/PID/task. */
    private static Map<String, Long> threadCpuMillis(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    byName.merge(name, statCpuMillis(stat), Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }

    private static long ownCpuMillis() throws IOException {
        return cpuMillis(ProcessHandle.current().pid());
    }

    private static double heapUsedAfterGcMb(long pid) throws IOException, InterruptedException {
        exec("jcmd", String.valueOf(pid), "GC.run");
        String info = exec("jcmd", String.valueOf(pid), "GC.heap_info");
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        long kb = 0;
        while (used.find()) {
            kb += Long.parseLong(used.group(1));
        }
        return kb / 1024.0;
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void waitFor(Duration atMost, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + atMost);
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling a benchmark's progress, not a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
