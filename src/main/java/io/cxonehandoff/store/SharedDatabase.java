package io.cxonehandoff.store;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cxonehandoff.support.ContextService;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database the replicas share (CXONE_HANDOFF_JDBC_URL): a HikariCP pool, and the schema
 * brought up to date by Flyway (src/main/resources/db/migration) when it starts. Flyway serialises
 * concurrent migrations of one database with a lock of its own, so replicas may start at once. Started by
 * the first store that needs it (or by Camel as a context service); stopped with the context.
 */
public class SharedDatabase extends ContextService {

    private static final Logger LOG = LoggerFactory.getLogger(SharedDatabase.class);

    private String jdbcUrl;
    private String user;
    private String password;
    private int poolSize = 16;
    private long connectionTimeoutMs = 5000;
    private volatile HikariDataSource dataSource;

    /** The pool, starting it (and migrating the schema) on first use. */
    public DataSource dataSource() {
        if (dataSource == null) {
            start();
        }
        HikariDataSource ds = dataSource;
        if (ds == null) {
            throw new IllegalStateException("The shared database is " + getStatus());
        }
        return ds;
    }

    @Override
    protected void doStart() {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalStateException("The shared database needs a JDBC URL (CXONE_HANDOFF_JDBC_URL)");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("cxone-handoff-shared");
        config.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(connectionTimeoutMs);
        config.addDataSourceProperty("ApplicationName", "cxone-handoff-store");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("Shared database ready: schema version {} ({} migration(s) applied now)",
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        dataSource = ds;
    }

    @Override
    protected void doStop() {
        HikariDataSource ds = dataSource;
        dataSource = null;
        if (ds != null) {
            ds.close();
        }
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public void setConnectionTimeoutMs(long connectionTimeoutMs) {
        this.connectionTimeoutMs = connectionTimeoutMs;
    }

    public boolean isConfigured() {
        return jdbcUrl != null && !jdbcUrl.isBlank();
    }
}
