package io.cxonehandoff.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election for replicas on VMs that share a PostgreSQL database: the leader of a namespace is the
 * member whose dedicated connection holds a session advisory lock on a key derived from the cluster name
 * and the namespace. The lock lives exactly as long as that session: PostgreSQL frees it within
 * milliseconds of the holder's process dying (its socket closes), and within {@code sessionTimeoutMs} of
 * the holder going silent (paused, partitioned: the server's {@code idle_session_timeout} ends a session
 * that stops sending heartbeats). Followers try the lock every {@code pollIntervalMs}.
 * <p>
 * Leadership is confirmed on the connection itself before every write ({@link #confirmLeadership}), so a
 * paused old leader whose session was ended cannot act when it wakes up. Works with {@code master:}.
 */
public class PostgresLockClusterService extends AbstractCamelClusterService<PostgresLockClusterView>
        implements LeadershipCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLockClusterService.class);

    private String jdbcUrl;
    private String user;
    private String password;
    private String clusterName = "cxone-handoff";
    private long pollIntervalMs = 1000;
    private long sessionTimeoutMs = 5000;
    /** The views by namespace, read without the base class's reference counting (which starts and stops them). */
    private final Map<String, PostgresLockClusterView> viewsByNamespace = new ConcurrentHashMap<>();

    @Override
    protected PostgresLockClusterView createView(String namespace) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalStateException("The postgresql cluster service needs a JDBC URL (CXONE_HANDOFF_JDBC_URL)");
        }
        if (sessionTimeoutMs > 0 && sessionTimeoutMs < 2 * pollIntervalMs) {
            LOG.warn("The session timeout ({} ms) is less than two heartbeats ({} ms each): the leader may lose its lock"
                     + " while alive", sessionTimeoutMs, pollIntervalMs);
        }
        PostgresLockClusterView view = new PostgresLockClusterView(this, namespace, lockKey(clusterName, namespace));
        viewsByNamespace.put(namespace, view);
        return view;
    }

    @Override
    public boolean confirmLeadership(String namespace) {
        PostgresLockClusterView view = viewsByNamespace.get(namespace);
        return view != null && view.isRunAllowed() && view.confirmLeadership();
    }

    /**
     * The advisory lock key: the first 8 bytes of SHA-256("cxone-handoff/cluster/namespace"). Every
     * replica of one tenant must use the same cluster name; different tenants, different names.
     */
    static long lockKey(String clusterName, String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("cxone-handoff/" + clusterName + "/" + namespace).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String getJdbcUrl() {
        return jdbcUrl;
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public long getPollIntervalMs() {
        return pollIntervalMs;
    }

    /** How often a follower tries the lock and the leader checks it still holds it (its heartbeat). */
    public void setPollIntervalMs(long pollIntervalMs) {
        this.pollIntervalMs = pollIntervalMs;
    }

    public long getSessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    /**
     * After this long without a heartbeat the server ends the leader's session, freeing the lock; also the
     * bound on any query of that connection. Must be well above {@code pollIntervalMs}; 0 disables it.
     */
    public void setSessionTimeoutMs(long sessionTimeoutMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
    }
}
