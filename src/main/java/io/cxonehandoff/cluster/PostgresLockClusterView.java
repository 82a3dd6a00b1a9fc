package io.cxonehandoff.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of {@link PostgresLockClusterService}: one dedicated connection (not pooled: the lock
 * belongs to its session) and one scheduler thread that tries the lock (follower) or checks it is still
 * held (leader, which is also the heartbeat that keeps {@code idle_session_timeout} from ending the
 * session). Any error on the connection is a loss of leadership at once: the connection is dropped and a
 * new one tries again at the next tick. Leadership events are published from the scheduler thread only,
 * never while a database call is in progress.
 */
final class PostgresLockClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLockClusterView.class);

    private static final String HOLDING = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND pid = pg_backend_pid() AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = ?";
    private static final String HOLDER = "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?";

    private final PostgresLockClusterService service;
    private final long key;
    private final Member local = new Member(null, true);

    /** Guarded by {@code this}: the dedicated connection and what it holds. */
    private Connection connection;
    private volatile boolean leader;
    private volatile String remoteLeader;

    /** Touched on the scheduler thread only: what listeners were last told. */
    private String publishedLeader;
    private ScheduledExecutorService scheduler;

    PostgresLockClusterView(PostgresLockClusterService service, String namespace, long key) {
        super(service, namespace);
        this.service = service;
        this.key = key;
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (leader) {
            return Optional.of(local);
        }
        String remote = remoteLeader;
        return remote == null ? Optional.empty() : Optional.of(new Member(remote, false));
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>();
        members.add(local);
        getLeader().filter(m -> !m.isLocal()).ifPresent(members::add);
        return members;
    }

    @Override
    protected void doStart() {
        scheduler = getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "PostgresLock-" + getNamespace());
        scheduler.scheduleWithFixedDelay(this::tick, 0, service.getPollIntervalMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        synchronized (this) {
            if (leader && connection != null) {
                // hand over at once (SIGTERM): a follower takes it at its next poll
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                } catch (SQLException e) {
                    LOG.debug("Could not unlock {} on stop (closing the session frees it anyway)", getNamespace(), e);
                }
            }
            drop();
        }
        if (publishedLeader != null) {
            publishedLeader = null;
            fireLeadershipChangedEvent((CamelClusterMember) null);
        }
        LOG.info("Left the cluster {} (namespace {})", service.getClusterName(), getNamespace());
    }

    /**
     * Confirms on the connection that this member still holds the lock. A member that believes it leads but
     * whose session was ended (paused past the session timeout, connection killed) learns it here.
     */
    boolean confirmLeadership() {
        if (!leader) {
            return false;
        }
        boolean confirmed;
        synchronized (this) {
            confirmed = connection != null && holding();
        }
        if (!confirmed) {
            ScheduledExecutorService s = scheduler;
            if (s != null && !s.isShutdown()) {
                s.execute(this::publish);
            }
        }
        return confirmed;
    }

    private void tick() {
        try {
            synchronized (this) {
                if (leader) {
                    holding();
                } else {
                    tryAcquire();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Leader election for {} failed: {}", getNamespace(), e.getMessage(), e);
        }
        publish();
    }

    /** Called with the monitor held. */
    private boolean holding() {
        try (PreparedStatement check = connection.prepareStatement(HOLDING)) {
            check.setLong(1, key);
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return true;
                }
            }
            LOG.warn("The advisory lock of {} is no longer held by this member", getNamespace());
        } catch (SQLException e) {
            LOG.warn("Lost the leadership of {}: its database session failed ({})", getNamespace(), e.getMessage());
        }
        drop();
        return false;
    }

    /** Called with the monitor held. */
    private void tryAcquire() {
        try {
            if (connection == null) {
                connection = connect();
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (ResultSet rs = lock.executeQuery()) {
                    leader = rs.next() && rs.getBoolean(1);
                }
            }
            if (leader) {
                remoteLeader = null;
                LOG.info("Leadership of {} taken by {} (cluster {})", getNamespace(), local.getId(), service.getClusterName());
            } else {
                try (PreparedStatement holder = connection.prepareStatement(HOLDER)) {
                    holder.setLong(1, key);
                    try (ResultSet rs = holder.executeQuery()) {
                        remoteLeader = rs.next() ? memberOf(rs.getString(1)) : null;
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("Cannot reach the database for the leadership of {}: {}", getNamespace(), e.getMessage());
            drop();
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (service.getUser() != null && !service.getUser().isBlank()) {
            props.setProperty("user", service.getUser());
        }
        if (service.getPassword() != null && !service.getPassword().isBlank()) {
            props.setProperty("password", service.getPassword());
        }
        // the holder's name, so followers (and operators, in pg_stat_activity) see who leads
        props.setProperty("ApplicationName", applicationName());
        props.setProperty("tcpKeepAlive", "true");
        long timeout = service.getSessionTimeoutMs();
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeout))));
        Connection c = DriverManager.getConnection(service.getJdbcUrl(), props);
        c.setAutoCommit(true);
        if (timeout > 0) {
            // a query that hangs (network gone) fails within the timeout: leadership is lost, not stuck
            c.setNetworkTimeout(Runnable::run, (int) timeout);
            try (Statement set = c.createStatement()) {
                set.execute("SET idle_session_timeout = " + timeout);
            } catch (SQLException e) {
                // before PostgreSQL 14: a dead process still frees the lock, a paused one holds it
                LOG.warn("idle_session_timeout is not supported by this server ({}): a paused leader keeps the lock"
                         + " until its TCP connection drops", e.getMessage());
            }
        }
        return c;
    }

    /** Called with the monitor held: forget the connection and the lock it held. */
    private void drop() {
        leader = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the lock connection of {} failed", getNamespace(), e);
            }
            connection = null;
        }
    }

    /** Tells listeners (the master: consumers) when the leader they know of changed. Scheduler thread only. */
    private void publish() {
        Optional<CamelClusterMember> current = getLeader();
        String id = current.map(m -> m.isLocal() ? "\0local" : m.getId()).orElse(null);
        if (!Objects.equals(id, publishedLeader)) {
            boolean wasLocal = "\0local".equals(publishedLeader);
            publishedLeader = id;
            if (wasLocal) {
                LOG.warn("Leadership of {} lost by {}", getNamespace(), local.getId());
            }
            fireLeadershipChangedEvent(current.orElse(null));
        }
    }

    private String applicationName() {
        // at most 63 bytes are kept by the server
        String name = "cxone-handoff:" + local.getId();
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static String memberOf(String applicationName) {
        if (applicationName == null) {
            return null;
        }
        return applicationName.startsWith("cxone-handoff:") ? applicationName.substring("cxone-handoff:".length()) : applicationName;
    }

    /** Package-private for tests: the server process of the lock connection, or -1. */
    synchronized int backendPid() {
        if (connection == null) {
            return -1;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private final class Member implements CamelClusterMember {
        private final String id;
        private final boolean isLocal;

        Member(String id, boolean isLocal) {
            this.id = id;
            this.isLocal = isLocal;
        }

        @Override
        public boolean isLeader() {
            return isLocal ? leader : id != null && id.equals(remoteLeader);
        }

        @Override
        public boolean isLocal() {
            return isLocal;
        }

        @Override
        public String getId() {
            return isLocal ? service.getId() : id;
        }
    }
}
