package io.cxonehandoff.store;

import java.nio.file.Path;

import io.cxonehandoff.deadletter.DeadLetterStore;
import io.cxonehandoff.handoff.HandoffRecordFile;
import io.cxonehandoff.support.ContextService;
import io.cxonehandoff.support.JdbcSettings;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Where the durable state lives: in the shared PostgreSQL database when CXONE_HANDOFF_JDBC_URL is set
 * (every replica sees every handoff and dead letter), else in files under the data dir (the embedded
 * default: one process). The YAML beans {@code handoffRepository} and {@code deadLetterStore} are made
 * by its factory methods, so the routes name the same beans either way. It owns the database pool and
 * closes it when the context stops.
 */
public class SharedStateFactory extends ContextService {

    private JdbcSettings jdbc = new JdbcSettings();
    private int poolSize = 16;
    private String memberId = "";
    private String dataDir = "data";
    private int cacheSize = 100_000;
    private long maxFileStoreSize = 32L * 1024 * 1024;
    private SharedDatabase database;

    public boolean isShared() {
        return jdbc.isSet();
    }

    /** The exactly-once record: {@link PostgresHandoffRecord}, or {@link HandoffRecordFile} without a database. */
    public IdempotentRepository handoffRepository() {
        if (isShared()) {
            PostgresHandoffRecord record = new PostgresHandoffRecord();
            record.setDatabase(database());
            record.setMemberId(memberId);
            return record;
        }
        HandoffRecordFile file = new HandoffRecordFile();
        file.setPath(Path.of(dataDir, "handoffs-done.txt").toString());
        file.setCacheSize(cacheSize);
        file.setMaxFileStoreSize(maxFileStoreSize);
        return file;
    }

    /** The dead letters: {@link PostgresDeadLetterStore}, or the file-based {@link DeadLetterStore}. */
    public ContextService deadLetterStore() {
        if (isShared()) {
            PostgresDeadLetterStore store = new PostgresDeadLetterStore();
            store.setDatabase(database());
            store.setMemberId(memberId);
            return store;
        }
        DeadLetterStore files = new DeadLetterStore();
        files.setDirectory(Path.of(dataDir, "dead-letters").toString());
        return files;
    }

    /** The one pool of this replica, started (and the schema migrated) on first use. */
    public synchronized SharedDatabase database() {
        if (database == null) {
            database = new SharedDatabase();
            database.setJdbcUrl(jdbc.getUrl());
            database.setUser(jdbc.getUser());
            database.setPassword(jdbc.getPassword());
            database.setPoolSize(poolSize);
        }
        return database;
    }

    @Override
    protected synchronized void doStop() {
        if (database != null) {
            database.stop();
            database = null;
        }
    }

    /** The shared database, if its URL is set (the {@code jdbc} bean). */
    public void setJdbc(JdbcSettings jdbc) {
        this.jdbc = jdbc;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    public void setMaxFileStoreSize(long maxFileStoreSize) {
        this.maxFileStoreSize = maxFileStoreSize;
    }
}
