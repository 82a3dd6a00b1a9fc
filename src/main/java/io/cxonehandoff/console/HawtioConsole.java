package io.cxonehandoff.console;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cxonehandoff.support.ContextService;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio web console at {@code http://host:port/hawtio}, served in process by Jetty from hawtio.war, so
 * one command starts the integration and its console. Its Jolokia sees this JVM's MBeans: Camel's context,
 * routes and processors, and our {@code DeadLetterStore}, {@code HandoffStatistics} and
 * {@code EventStreamControl}. Off unless a user and a password are configured: never a default password.
 */
public class HawtioConsole extends ContextService {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);

    private String user;
    private String password;
    private String host = "127.0.0.1";
    private int port = 8081;
    private String war = "target/hawtio/hawtio.war";
    private Server server;

    @Override
    protected void doStart() throws Exception {
        if (isBlank(user) || isBlank(password)) {
            LOG.info("Hawtio console off: set HAWTIO_USER and HAWTIO_PASSWORD to serve it");
            return;
        }
        Path archive = Path.of(war);
        if (!Files.isRegularFile(archive)) {
            LOG.warn("Hawtio console off: {} not found (run `mvn package`, or set CONSOLE_WAR)", archive.toAbsolutePath());
            return;
        }
        ConsoleAccount.set(user, password);
        HawtioRealm.install();
        // Hawtio reads its settings from system properties: JAAS login, one role, nothing fetched or proxied
        System.setProperty("hawtio.authenticationEnabled", "true");
        System.setProperty("hawtio.realm", HawtioRealm.NAME);
        System.setProperty("hawtio.roles", ConsoleLoginModule.ROLE);
        System.setProperty("hawtio.rolePrincipalClasses", ConsolePrincipals.Role.class.getName());
        System.setProperty("hawtio.offline", "true");
        System.setProperty("hawtio.disableProxy", "true");

        WebAppContext console = new WebAppContext();
        console.setContextPath("/hawtio");
        console.setWar(archive.toAbsolutePath().toString());
        Server jetty = new Server(new InetSocketAddress(host, port));
        jetty.setHandler(console);
        jetty.start();
        server = jetty;
        LOG.info("Hawtio console at http://{}:{}/hawtio (login required)", host, boundPort());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
            ConsoleAccount.clear();
        }
    }

    /** The port the console listens on (useful with port 0), or -1 when it is off. */
    public int boundPort() {
        return server == null ? -1 : ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setWar(String war) {
        this.war = war;
    }
}
