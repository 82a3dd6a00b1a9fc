package io.cxonehandoff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxonehandoff.EmbeddedTenant;
import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.Operation;
import io.cxonehandoff.simulator.RecordedRequest;
import io.cxonehandoff.simulator.SimulatorSettings;
import io.cxonehandoff.simulator.Transfer;

/**
 * The benchmark behind {@code bench/run.sh}: the packaged integration (and optionally the seed tutorial's
 * Python script) against the simulator with a given latency, rate limit and chat count. Prints one
 * markdown table row per program. Each chat needs a handoff and has one history page, so a handoff costs
 * C = 4 calls (interaction, messages, context, transfer).
 */
public final class HandoffBenchmark {

    private static final int CALLS_PER_HANDOFF = 4;
    private static final int MESSAGES_PER_CHAT = 20;
    /**
     * How long paced handoffs run before a measurement (see {@link #warmUp}), so that it measures a running integration
     * (JIT-compiled, connections open), not one that has just started. Bursting a cold integration (and the
     * simulator's cold JVM) only measures the JIT compiler.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 25));
    /** The warm-up's top pace: three quarters of the binding bound, at most this many handoffs per second. */
    private static final double WARM_UP_MAX_RATE = 100;

    private final int chats;
    private final long latencyMs;
    private final double rps;
    private final int parallelism;
    private final Path out;
    /** {@code --profile dfo}: the dfo setting ({@link DfoBenchSetting}); C is then measured (search and subscriptions amortised). */
    private boolean dfo;
    private double callsPerHandoff = CALLS_PER_HANDOFF;

    private HandoffBenchmark(int chats, long latencyMs, double rps, int parallelism, Path out) {
        this.chats = chats;
        this.latencyMs = latencyMs;
        this.rps = rps;
        this.parallelism = parallelism;
        this.out = out;
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
        if (bench.dfo && (opts.containsKey("light-load") || opts.containsKey("seed"))) {
            throw new IllegalArgumentException("--profile dfo measures the throughput only (the seed speaks the tutorial API)");
        }
        if (opts.containsKey("light-load")) {
            System.out.println(bench.lightLoad());
            return;
        }
        System.out.println(bench.run(bench.dfo ? "cxone-handoff (dfo)" : "cxone-handoff", bench.integrationCommand(), true));
        if (opts.containsKey("seed")) {
            System.out.println(bench.run("seed (Python)", bench.seedCommand(Path.of(opts.get("seed"))), false));
        }
    }

    private String run(String program, List<String> command, boolean ours) throws Exception {
        String secret = UUID.randomUUID().toString();
        SimulatorSettings settings = new SimulatorSettings().clientSecret(secret).latencyMillis(latencyMs).rateLimitPerSecond(rps);
        try (CxoneSimulator tenant = new CxoneSimulator(dfo ? DfoBenchSetting.settings(settings) : settings).start()) {
            Process process = start(command, tenant, program);
            try {
                waitFor(Duration.ofSeconds(60), () -> tenant.subscribedSockets() == 1);
                int warmedUp = ours ? warmUp(tenant) : 0;

                Map<String, Instant> emitted = new HashMap<>();
                prepare(tenant, java.util.stream.IntStream.range(0, chats).mapToObj(i -> "bench-" + i).toList());
                long integrationCpu = cpuMillis(process.pid());
                Map<String, Long> threadCpu = threadCpuMillis(process.pid());
                long ownCpu = ownCpuMillis();
                Instant start = Instant.now();
                for (int i = 0; i < chats; i++) {
                    String id = "bench-" + i;
                    emitted.put(id, Instant.now());
                    trigger(tenant, id);
                }
                waitForProgress(tenant, chats + warmedUp);
                System.err.printf(Locale.ROOT, "%s: CPU during the measured burst: program %d ms, simulator and driver %d ms%n",
                        program, cpuMillis(process.pid()) - integrationCpu, ownCpuMillis() - ownCpu);
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
                Instant end = transfers.stream().map(Transfer::at).max(Instant::compareTo).orElse(start);
                double seconds = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
                if (dfo) {
                    callsPerHandoff = DfoBenchSetting.report(tenant, emitted.keySet(), start, end, transfers.size());
                }
                List<Long> latencies = transfers.stream()
                        .map(t -> Duration.between(emitted.get(t.interactionId()), t.at()).toMillis()).sorted().toList();
                long rateLimited = tenant.requests().stream().filter(r -> r.status() == 429).count();
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
                double rateBound = rateBound();
                double latencyBound = latencyBound(ours ? parallelism : 1);
                double throughput = transfers.size() / seconds;
                return String.format(Locale.ROOT,
                        "| %s | %d (%d transferred) | %d | %.0f | %.1f | %d | %d | %d | %.1f | %.1f | %.0f %% | %d | %s |",
                        program, chats, transfers.size(), latencyMs, rps, throughput,
                        pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), rateBound, latencyBound,
                        100 * throughput / Math.min(rateBound, latencyBound), rateLimited,
                        Double.isNaN(heapMb) ? "n/a" : String.format(Locale.ROOT, "%.0f", heapMb));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * Handoffs for {@link #WARM_UP} (see there), paced: from a fifth of the warm-up rate up to all of it over
     * the first half (a cold JVM, ours and the simulator's, stalls on compilation under a sudden load),
     * then steady; then waits for their transfers. Answers how many there were.
     */
    private int warmUp(CxoneSimulator tenant) {
        int before = tenant.acceptedTransfers().size();
        double peak = Math.min(WARM_UP_MAX_RATE, 0.75 * Math.min(rateBound(), latencyBound(parallelism)));
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
     * to answer: the calls' latencies). What is left is the integration's own time: socket hop, routing,
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
        // until all are transferred, or nothing moved for 20 s (the seed loses handoffs)
        int last = -1;
        Instant lastMove = Instant.now();
        while (tenant.acceptedTransfers().size() < expected
               && Duration.between(lastMove, Instant.now()).toSeconds() < 20) {
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
        if (!dfo) {
            env.put("HANDOFF_CATCH_UP_ENABLED", "false"); // dfo: the reconciliation is how cases are subscribed
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
    private double rateBound() {
        return rps > 0 ? rps / callsPerHandoff : Double.POSITIVE_INFINITY;
    }

    /** Throughput bound by parallelism P and call latency: P / (C·L) handoffs/s. */
    private double latencyBound(int p) {
        return p / (callsPerHandoff * latencyMs / 1000.0);
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
