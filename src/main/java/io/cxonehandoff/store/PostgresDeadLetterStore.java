package io.cxonehandoff.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.cluster.MemberId;
import io.cxonehandoff.deadletter.DeadLetterContent;
import io.cxonehandoff.deadletter.DeadLetterStore;
import io.cxonehandoff.deadletter.DeadLetters;
import io.cxonehandoff.support.ContextService;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters in the shared database (table {@code dead_letter}, the letter as jsonb), so that every
 * replica lists the same letters and a letter is replayed once whichever replica is asked: the same
 * operations as the file-based {@link DeadLetterStore} ({@code store}, {@code list}, {@code count},
 * {@code replay}, {@code replayAll}), plus {@link #read} and {@link #markReplayed}. A letter's name is
 * {@code <id>-<sanitised prefix of the interaction id>}; lookups use only the id before the first dash.
 * A replay asked of a follower is recorded ({@code replay_requested_at}) for the leader to carry out.
 */
@ManagedResource(description = "Handoffs that failed for good, shared by the replicas: list and replay them")
public class PostgresDeadLetterStore extends ContextService implements DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDeadLetterStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> LETTER = new TypeReference<>() { };
    /** Where a replayed event goes: the entry of every event, as a live one would. */
    private static final String REPLAY_URI = "direct:queue-event";

    private SharedDatabase database;
    private String memberId = "";
    private ProducerTemplate producer;

    /** Stores the failed exchange's event and error; returns the letter's name. Throws if it cannot. */
    @Override
    public String store(Exchange exchange) {
        Map<String, Object> letter = DeadLetterContent.of(exchange);
        try {
            return storeLetter(letter);
        } catch (RuntimeException e) {
            LOG.error("Dead letter of interaction {} could not be stored in the shared database ({})",
                    letter.get("interactionId"), e.toString());
            throw e;
        }
    }

    /** Stores a letter (the map {@link #store(Exchange)} builds); returns its name. Not an overload of
     * {@code store}: Camel's bean binding would pick it for a Map body. */
    public String storeLetter(Map<String, Object> letter) {
        Object interaction = letter.get("interactionId");
        String interactionId = interaction == null ? null : String.valueOf(interaction);
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO dead_letter (interaction_id, stored_by, letter) VALUES (?, ?, ?::jsonb) RETURNING id")) {
            insert.setString(1, interactionId);
            insert.setString(2, MemberId.resolve(memberId));
            insert.setString(3, JSON.writeValueAsString(letter));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return name(rs.getLong(1), interactionId);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new RuntimeCamelException("Cannot store the dead letter of " + interactionId, e);
        }
    }

    @Override
    @ManagedOperation(description = "Names of the dead letters not replayed (nor requested) yet, oldest first")
    public List<String> list() {
        return names("SELECT id, interaction_id FROM dead_letter WHERE replayed_at IS NULL AND replay_requested_at IS NULL ORDER BY id");
    }

    @Override
    public List<String> requested() {
        return names("SELECT id, interaction_id FROM dead_letter WHERE replayed_at IS NULL AND replay_requested_at IS NOT NULL ORDER BY id");
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement select = c.createStatement();
             ResultSet rs = select.executeQuery(query)) {
            while (rs.next()) {
                names.add(name(rs.getLong(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot list the dead letters", e);
        }
        return names;
    }

    @Override
    @ManagedOperation(description = "Number of dead letters not replayed (nor requested) yet")
    public int count() {
        try (Connection c = database.dataSource().getConnection(); Statement select = c.createStatement();
             ResultSet rs = select.executeQuery(
                     "SELECT count(*) FROM dead_letter WHERE replayed_at IS NULL AND replay_requested_at IS NULL")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot count the dead letters", e);
        }
    }

    /** One letter (replayed or not), or empty if there is no such letter. */
    public Optional<Map<String, Object>> read(String name) {
        Long id = idOf(name);
        if (id == null) {
            return Optional.empty();
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT letter FROM dead_letter WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(JSON.readValue(rs.getString(1), LETTER)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new RuntimeCamelException("Cannot read dead letter " + name, e);
        }
    }

    /**
     * Claims a letter for replay: marks it replayed and returns it, or empty if there is no such letter or
     * it was claimed already (by this replica or another: a single UPDATE, so only one claim wins).
     */
    public Optional<Map<String, Object>> markReplayed(String name) {
        Long id = idOf(name);
        if (id == null) {
            return Optional.empty();
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement claim = c.prepareStatement("UPDATE dead_letter SET replayed_at = now(), replayed_by = ?"
                                                          + " WHERE id = ? AND replayed_at IS NULL RETURNING letter")) {
            claim.setString(1, MemberId.resolve(memberId));
            claim.setLong(2, id);
            try (ResultSet rs = claim.executeQuery()) {
                return rs.next() ? Optional.of(JSON.readValue(rs.getString(1), LETTER)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new RuntimeCamelException("Cannot mark dead letter " + name + " replayed", e);
        }
    }

    @Override
    @ManagedOperation(description = "Queues one dead letter's event again; returns false if there is no such letter or it was replayed")
    public boolean replay(String name) {
        Optional<Map<String, Object>> letter = markReplayed(name);
        if (letter.isEmpty()) {
            return false;
        }
        Exchange queued = producer().send(REPLAY_URI, replay -> {
            replay.getMessage().setBody(letter.get().get("event"));
            replay.setProperty("replayOf", name);
            replay.setProperty("eventSource", "replay");
        });
        if (queued.getException() != null) {
            throw new RuntimeCamelException("Dead letter " + name + " could not be queued again", queued.getException());
        }
        LOG.info("Replaying dead letter {} (interaction {})", name, letter.get().get("interactionId"));
        return true;
    }

    /**
     * Records that the leader is to replay the letter (a single UPDATE: of replicas asking at once one
     * records it); false if there is no such letter waiting.
     */
    @Override
    public boolean requestReplay(String name) {
        Long id = idOf(name);
        if (id == null) {
            return false;
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement request = c.prepareStatement("UPDATE dead_letter SET replay_requested_at = now(), replay_requested_by = ?"
                                                            + " WHERE id = ? AND replayed_at IS NULL AND replay_requested_at IS NULL")) {
            request.setString(1, MemberId.resolve(memberId));
            request.setLong(2, id);
            return request.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot request the replay of dead letter " + name, e);
        }
    }

    @Override
    @ManagedOperation(description = "Queues every dead letter not replayed yet; returns how many")
    public int replayAll() {
        int replayed = 0;
        for (String name : list()) {
            if (replay(name)) {
                replayed++;
            }
        }
        return replayed;
    }

    /** {@code <id>-<at most 64 characters of the interaction id, sanitised>}: the id comes from CXone. */
    static String name(long id, String interactionId) {
        if (interactionId == null) {
            return String.valueOf(id);
        }
        String prefix = interactionId.substring(0, Math.min(64, interactionId.length())).replaceAll("[^A-Za-z0-9_-]", "_");
        return id + "-" + prefix;
    }

    /** The id before the first dash, or null if the name does not start with one (untrusted input). */
    static Long idOf(String name) {
        if (name == null) {
            return null;
        }
        int dash = name.indexOf('-');
        String digits = dash < 0 ? name : name.substring(0, dash);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(digits);
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = getCamelContext().createProducerTemplate();
        }
        return producer;
    }

    @Override
    protected void doStart() {
        if (database == null) {
            throw new IllegalStateException("PostgresDeadLetterStore needs the shared database");
        }
        database.dataSource();
    }

    @Override
    protected void doStop() throws Exception {
        if (producer != null) {
            producer.stop();
        }
    }

    public void setDatabase(SharedDatabase database) {
        this.database = database;
    }

    /** The replica's name in {@code stored_by} and {@code replayed_by} (default: host name and process id). */
    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }
}
