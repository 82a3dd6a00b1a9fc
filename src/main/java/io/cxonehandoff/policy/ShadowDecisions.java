package io.cxonehandoff.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.support.ContextService;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;

/**
 * Shadow mode's record ({@code handoff.mode=shadow}): every would-be handoff as one JSON line in
 * {@code <data-dir>/shadow-decisions.jsonl} (interaction id, time, rule, reason, queue, score; no content), and
 * the figures an operator reads in Hawtio ({@code ShadowReport}) or from the {@code shadow-report} route: counts by
 * rule and by reason, chats seen, the would-be handoff rate. Chats seen are counted in live mode too.
 */
@ManagedResource(description = "cxone-handoff shadow mode: the handoffs it would have made")
public class ShadowDecisions extends ContextService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SEEN = 1_000_000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong chatsSeen = new AtomicLong();
    private final Map<String, AtomicLong> byRule = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byReason = new ConcurrentHashMap<>();
    private final AtomicLong wouldBe = new AtomicLong();
    private Path file = Path.of("data", "shadow-decisions.jsonl");

    /**
     * A chat the bot had, as the decision looked at it (counted once per interaction): the denominator of the
     * handoff rate, here and as {@code cxone_bot_chats_total} beside {@code cxone_handoff_completed_total}.
     */
    public void seen(Exchange exchange) {
        String id = exchange.getProperty("interactionId", String.class);
        if (id != null && Boolean.TRUE.equals(exchange.getProperty("withBot")) && seen.size() < MAX_SEEN && seen.add(id)) {
            chatsSeen.incrementAndGet();
            MeterRegistry registry = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
            if (registry != null) {
                registry.counter("cxone.bot.chats").increment();
            }
        }
    }

    /** A handoff shadow mode would have made: counted and filed. */
    public synchronized void wouldHandOff(Exchange exchange) throws IOException {
        String rule = exchange.getProperty("handoffRule", String.class);
        String reason = exchange.getProperty("handoffReason", String.class);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("interactionId", exchange.getProperty("interactionId"));
        line.put("at", Instant.now().toString());
        line.put("rule", rule);
        line.put("reason", reason);
        line.put("queue", exchange.getProperty(QueueRules.QUEUE));
        line.put("score", exchange.getProperty("botConfidence"));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a link: shadow decisions are not written through it");
        }
        Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        wouldBe.incrementAndGet();
        byRule.computeIfAbsent(String.valueOf(rule), r -> new AtomicLong()).incrementAndGet();
        byReason.computeIfAbsent(String.valueOf(reason), r -> new AtomicLong()).incrementAndGet();
    }

    @ManagedOperation(description = "Would-be handoffs by rule and by reason, chats seen and the would-be handoff rate")
    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("wouldBeHandoffs", wouldBe.get());
        report.put("chatsSeen", chatsSeen.get());
        report.put("wouldBeHandoffRate", chatsSeen.get() == 0 ? 0.0 : (double) wouldBe.get() / chatsSeen.get());
        report.put("byRule", counts(byRule));
        report.put("byReason", counts(byReason));
        report.put("file", file.toAbsolutePath().toString());
        return report;
    }

    @ManagedAttribute(description = "Would-be handoffs since start")
    public long getWouldBeHandoffs() {
        return wouldBe.get();
    }

    @ManagedAttribute(description = "Chats the decision looked at since start")
    public long getChatsSeen() {
        return chatsSeen.get();
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    /** Where the would-be handoffs are filed ({@code <handoff.data-dir>/shadow-decisions.jsonl}). */
    public void setFile(String file) {
        this.file = Path.of(file);
        if (Files.isDirectory(this.file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException(new IOException(file + " is a folder, not a file"));
        }
    }
}
