package io.cxonehandoff.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.cxonehandoff.cluster.MemberId;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The exactly-once record shared by every replica, as a Camel {@link IdempotentRepository} (the
 * {@code handoffRepository} of the {@code idempotentConsumer}): table {@code handoff_done}, one row per key.
 * {@link #add} is a single {@code INSERT ... ON CONFLICT DO NOTHING}, so of any number of replicas adding
 * one key at once exactly one gets {@code true}. camel-sql's JdbcMessageIdRepository is not used: it
 * counts, then inserts, and two nodes adding one key at once get a duplicate-key error or both win.
 * <p>
 * {@link #remove} (the consumer's {@code removeOnFailure}) deletes a key only if this replica recorded it.
 * With {@code eager: false} a failed exchange never added its key, so Camel's remove would otherwise
 * erase the record of a handoff another replica did.
 */
@ManagedResource(description = "Handoffs done, shared by the replicas in PostgreSQL")
public class PostgresHandoffRecord extends ServiceSupport implements IdempotentRepository {

    private SharedDatabase database;
    private String memberId = "";
    private String member;

    @Override
    protected void doStart() {
        if (database == null) {
            throw new IllegalStateException("PostgresHandoffRecord needs the shared database");
        }
        member = MemberId.resolve(memberId);
        database.dataSource();
    }

    @Override
    public boolean add(String key) {
        return insert(key, key);
    }

    /** The interaction id is the exchange's {@code interactionId} property where the key is something else. */
    @Override
    public boolean add(Exchange exchange, String key) {
        String interactionId = exchange.getProperty("interactionId", String.class);
        return insert(key, interactionId == null ? key : interactionId);
    }

    private boolean insert(String key, String interactionId) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO handoff_done (key, interaction_id, done_by) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING")) {
            insert.setString(1, key);
            insert.setString(2, interactionId);
            insert.setString(3, member());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot record handoff " + key + " in the shared database", e);
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT 1 FROM handoff_done WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot read the handoff record of " + key, e);
        }
    }

    @Override
    public boolean remove(String key) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM handoff_done WHERE key = ? AND done_by = ?")) {
            delete.setString(1, key);
            delete.setString(2, member());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot remove the handoff record of " + key, e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Forgets every handoff (JMX, for an operator who means it). */
    @Override
    public void clear() {
        try (Connection c = database.dataSource().getConnection(); Statement delete = c.createStatement()) {
            delete.executeUpdate("DELETE FROM handoff_done");
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot clear the handoff record", e);
        }
    }

    @ManagedAttribute(description = "Handoffs recorded, by every replica")
    public long getSize() {
        try (Connection c = database.dataSource().getConnection(); Statement count = c.createStatement();
             ResultSet rs = count.executeQuery("SELECT count(*) FROM handoff_done")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot count the handoff record", e);
        }
    }

    private String member() {
        if (member == null) {
            member = MemberId.resolve(memberId);
        }
        return member;
    }

    public void setDatabase(SharedDatabase database) {
        this.database = database;
    }

    /** The replica's name in {@code done_by} (default: host name and process id). */
    public void setMemberId(String memberId) {
        this.memberId = memberId;
        this.member = null;
    }
}
