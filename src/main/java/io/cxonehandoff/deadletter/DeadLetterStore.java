package io.cxonehandoff.deadletter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.support.ContextService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handoffs that failed for good, one JSON file each under {@code <data-dir>/dead-letters}: the original
 * event, the route and endpoint that failed, and the error. An operator lists and replays them (here, from
 * the {@code replay-dead-letters} route, or over JMX / Hawtio). A replay moves the file to
 * {@code replayed/} and queues the event again; if it fails again it is stored once more, as a new
 * dead letter, never replayed automatically (no loop).
 *
 * <p>The interaction id comes from CXone, so it never makes the file name on its own: a name is a short
 * sanitised prefix of the id plus a hash of all of it (any id, of any length, gives a valid and distinct
 * name); the full id is inside the file. Symbolic links and other non-regular files in the folder are
 * neither listed, read nor written through, and a {@code replayed/} that is a link is refused. A letter
 * that cannot be written is never lost silently: an ERROR line, the counter
 * {@code cxone.handoff.deadletters.failed}, and the exception goes back to the caller.
 *
 * <p>Replicas on one host (file cluster mode) share the folder: a replay asked of a follower moves the letter
 * to {@code requested/} (a rename: of two processes asking at once, one wins) and the leader replays it from
 * there; a replay moves it to {@code replayed/} the same way, so a letter is queued once.
 */
@ManagedResource(description = "Handoffs that failed for good: list and replay them")
public class DeadLetterStore extends ContextService implements DeadLetters {

    /** Exchange property holding the event as it arrived (set first thing by the decision route). */
    public static final String ORIGINAL_EVENT = "originalEvent";

    /** Characters of the interaction id kept in a file name (the hash stands for the rest). */
    static final int ID_PREFIX_LENGTH = 64;
    static final String STORE_FAILED_METER = "cxone.handoff.deadletters.failed";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLAYED = "replayed";
    private static final String REQUESTED = "requested";

    private ProducerTemplate producer;
    private Path directory = Path.of("data", "dead-letters");
    /** Where a replayed event goes: the entry of every event, as a live one would. */
    private static final String REPLAY_URI = "direct:queue-event";
    private volatile Counter storeFailures;

    /** Writes the failed exchange's event and error; returns the file name. */
    @Override
    public String store(Exchange exchange) throws IOException {
        Object interactionId = exchange.getProperty("interactionId");
        try {
            return write(exchange, interactionId);
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("Dead letter of interaction {} could not be stored in {} ({})", interactionId, directory, e.toString());
            countStoreFailure();
            throw e;
        }
    }

    private String write(Exchange exchange, Object interactionId) throws IOException {
        Map<String, Object> letter = DeadLetterContent.of(exchange);
        byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(letter);
        Files.createDirectories(directory);
        String name = fileName(interactionId == null ? null : interactionId.toString(), System.currentTimeMillis(),
                exchange.getExchangeId());
        Path tmp = directory.resolve(name + ".tmp");
        try {
            // CREATE_NEW: never through a link or over a file someone placed under that name
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            // rename: a reader never sees half a letter, and a crash leaves at most a .tmp
            Files.move(tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return name;
    }

    /** {@code <id prefix, sanitised>-<hash of the whole id>-<epoch ms>-<exchange id>.json}: at most ~150 characters. */
    static String fileName(String interactionId, long millis, String exchangeId) {
        String id = interactionId == null ? "unknown" : interactionId;
        // never empty and never a leading '-', which a shell command would read as an option
        String prefix = ("_" + id.substring(0, Math.min(ID_PREFIX_LENGTH, id.length())).replaceAll("[^A-Za-z0-9_-]", "_"))
                .replaceFirst("^_(?=[A-Za-z0-9])", "");
        String exchange = exchangeId.replaceAll("[^A-Za-z0-9]", "");
        return prefix + "-" + hash(id) + "-" + millis + "-" + exchange.substring(0, Math.min(48, exchange.length())) + ".json";
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    @ManagedOperation(description = "File names of the stored dead letters, oldest first")
    public List<String> list() {
        return letters(directory);
    }

    @Override
    public List<String> requested() {
        return letters(directory.resolve(REQUESTED));
    }

    private static List<String> letters(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @ManagedOperation(description = "Number of stored dead letters")
    public int count() {
        return list().size();
    }

    @Override
    @ManagedOperation(description = "Queues one dead letter's event again; returns false if there is no such letter")
    public boolean replay(String name) throws IOException {
        Path letter = letter(directory, name);
        if (letter == null) {
            // asked of a follower before: the leader replays it from requested/
            letter = letter(directory.resolve(REQUESTED), name);
        }
        if (letter == null) {
            return false;
        }
        Map<String, Object> content;
        try (InputStream in = Files.newInputStream(letter, LinkOption.NOFOLLOW_LINKS)) {
            content = JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
        }
        if (!claim(letter, replayedDirectory())) {
            return false;
        }
        Exchange queued = producer().send(REPLAY_URI, replay -> {
            replay.getMessage().setBody(content.get("event"));
            replay.setProperty("replayOf", name);
            replay.setProperty("eventSource", "replay");
        });
        if (queued.getException() != null) {
            throw new IOException("dead letter " + name + " could not be queued again", queued.getException());
        }
        LOG.info("Replaying dead letter {} (interaction {})", name, content.get("interactionId"));
        return true;
    }

    @Override
    public boolean requestReplay(String name) throws IOException {
        Path letter = letter(directory, name);
        if (letter == null) {
            return false;
        }
        Path requested = directory.resolve(REQUESTED);
        if (Files.exists(requested, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(requested, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(requested + " is a symbolic link or a file, not a folder: refusing to move dead letters there");
        }
        return claim(letter, Files.createDirectories(requested));
    }

    /** The letter of that name in that folder, or null (a name that points elsewhere, a link or a folder is none). */
    private static Path letter(Path folder, String name) {
        if (name == null || !name.endsWith(".json")) {
            return null;
        }
        Path letter = folder.resolve(safe(name));
        return folder.equals(letter.getParent()) && Files.isRegularFile(letter, LinkOption.NOFOLLOW_LINKS) ? letter : null;
    }

    /** Moves the letter into the folder; false if another process (or thread) moved it first. */
    private static boolean claim(Path letter, Path folder) throws IOException {
        try {
            Files.move(letter, folder.resolve(letter.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    @Override
    @ManagedOperation(description = "Queues every stored dead letter again; returns how many")
    public int replayAll() throws IOException {
        int replayed = 0;
        for (String name : list()) {
            if (replay(name)) {
                replayed++;
            }
        }
        return replayed;
    }

    /** {@code replayed/}, made if missing; a link or a file in its place is refused, not followed. */
    private Path replayedDirectory() throws IOException {
        Path replayed = directory.resolve(REPLAYED);
        if (Files.exists(replayed, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(replayed, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(replayed + " is a symbolic link or a file, not a folder: refusing to move dead letters there");
        }
        return Files.createDirectories(replayed);
    }

    private void countStoreFailure() {
        Counter counter = storeFailures;
        if (counter == null && getCamelContext() != null) {
            MeterRegistry registry = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
            if (registry != null) {
                counter = Counter.builder(STORE_FAILED_METER)
                        .description("Dead letters that could not be written (each also logged at ERROR)")
                        .register(registry);
                storeFailures = counter;
            }
        }
        if (counter != null) {
            counter.increment();
        }
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = getCamelContext().createProducerTemplate();
        }
        return producer;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    @Override
    protected void doStop() throws Exception {
        if (producer != null) {
            producer.stop();
        }
    }
}
