package io.cxonehandoff.deadletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.support.ContextService;
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
 */
@ManagedResource(description = "Handoffs that failed for good: list and replay them")
public class DeadLetterStore extends ContextService {

    /** Exchange property holding the event as it arrived (set first thing by the decision route). */
    public static final String ORIGINAL_EVENT = "originalEvent";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProducerTemplate producer;
    private Path directory = Path.of("data", "dead-letters");
    private String replayUri = "direct:queue-event";

    /** Writes the failed exchange's event and error; returns the file name. */
    public String store(Exchange exchange) throws IOException {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("interactionId", exchange.getProperty("interactionId"));
        letter.put("failedAt", Instant.now().toString());
        letter.put("failedRoute", exchange.getProperty(Exchange.FAILURE_ROUTE_ID));
        letter.put("failedEndpoint", exchange.getProperty(Exchange.FAILURE_ENDPOINT));
        letter.put("error", error == null ? null : error.getClass().getName() + ": " + error.getMessage());
        letter.put("replayOf", exchange.getProperty("replayOf"));
        letter.put("event", exchange.getProperty(ORIGINAL_EVENT));
        Files.createDirectories(directory);
        String name = safe(String.valueOf(letter.get("interactionId"))) + "-" + System.currentTimeMillis()
                      + "-" + exchange.getExchangeId().replaceAll("[^A-Za-z0-9]", "") + ".json";
        Path tmp = directory.resolve(name + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(letter));
        // rename: a reader never sees half a letter, and a crash leaves at most a .tmp
        Files.move(tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }

    @ManagedOperation(description = "File names of the stored dead letters, oldest first")
    public List<String> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ManagedOperation(description = "Number of stored dead letters")
    public int count() {
        return list().size();
    }

    @ManagedOperation(description = "Queues one dead letter's event again; returns false if there is no such letter")
    public boolean replay(String name) throws IOException {
        Path letter = directory.resolve(safe(name));
        if (!name.endsWith(".json") || !Files.isRegularFile(letter)) {
            return false;
        }
        Map<String, Object> content = JSON.readValue(letter.toFile(), new TypeReference<Map<String, Object>>() { });
        Path replayed = directory.resolve("replayed");
        Files.createDirectories(replayed);
        Files.move(letter, replayed.resolve(letter.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        producer().sendBodyAndProperty(replayUri, content.get("event"), "replayOf", name);
        LOG.info("Replaying dead letter {} (interaction {})", name, content.get("interactionId"));
        return true;
    }

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

    public void setReplayUri(String replayUri) {
        this.replayUri = replayUri;
    }

    @Override
    protected void doStop() throws Exception {
        if (producer != null) {
            producer.stop();
        }
    }
}
