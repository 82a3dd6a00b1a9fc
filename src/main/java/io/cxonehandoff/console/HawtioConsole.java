package io.cxonehandoff.console;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import io.cxonehandoff.support.ContextService;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio web console at {@code http://host:port/hawtio}, served in process by Jetty from hawtio.war, so
 * one command starts the integration and its console. Its Jolokia sees this JVM's MBeans: Camel's context,
 * routes and processors, and our {@code DeadLetterStore}, {@code HandoffStatistics} and
 * {@code EventStreamControl}. Off unless a user and a password are configured: never a default password.
 * <p>
 * Hardened (docs/console.md): Jolokia loads our access policy ({@link JolokiaPolicy}: read-mostly, operations
 * by allow-list, POST only, the console's own origin only); {@link JolokiaAccessFilter} gives the operator and
 * the optional viewer their rights; the session cookie is {@code SameSite=Strict}, {@code HttpOnly}, and
 * {@code Secure} over TLS (served here from a PKCS12 keystore, or by a TLS-terminating proxy); logout ends the session ({@link ConsoleSessionFilter}); error pages carry no stack
 * traces.
 */
public class HawtioConsole extends ContextService {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    /** Jolokia settings that would replace our policy if set in the environment or as system properties. */
    private static final List<String> POLICY_OVERRIDES = List.of("policyLocation", "restrictorClass", "useRestrictorService");

    private String user;
    private String password;
    private String viewerUser;
    private String viewerPassword;
    private String host = "127.0.0.1";
    private int port = 8081;
    private String war = "target/hawtio/hawtio.war";
    private String allowedOrigins;
    private boolean forwardedHeaders;
    private String tlsKeystore;
    private String tlsKeystorePassword;
    private Server server;
    private Path policy;

    @Override
    protected void doStart() throws Exception {
        if (ConsoleAccount.isBlank(user) || ConsoleAccount.isBlank(password)) {
            LOG.info("Hawtio console off: set HAWTIO_USER and HAWTIO_PASSWORD to serve it");
            return;
        }
        Path archive = Path.of(war);
        if (!Files.isRegularFile(archive)) {
            LOG.warn("Hawtio console off: {} not found (run `mvn package`, or set CONSOLE_WAR)", archive.toAbsolutePath());
            return;
        }
        for (String key : POLICY_OVERRIDES) {
            String env = "JOLOKIA_" + key.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT);
            if (System.getProperty("jolokia." + key) != null || System.getenv(env) != null) {
                LOG.warn("Hawtio console off: jolokia.{} / {} is set and would replace the console's access policy", key, env);
                return;
            }
        }
        boolean viewer = !ConsoleAccount.isBlank(viewerUser) && !ConsoleAccount.isBlank(viewerPassword);
        if (!viewer && !(ConsoleAccount.isBlank(viewerUser) && ConsoleAccount.isBlank(viewerPassword))) {
            LOG.warn("No console viewer: set both HAWTIO_VIEWER_USER and HAWTIO_VIEWER_PASSWORD for one");
        }
        try {
            JolokiaPolicy.origins(allowedOrigins, "http", host, port); // a misconfigured origin: console off, app on
            ConsoleAccount.set(user, password, viewerUser, viewerPassword);
        } catch (IllegalArgumentException misconfigured) {
            LOG.warn("Hawtio console off: {}", misconfigured.getMessage());
            return;
        }
        HawtioRealm.install();
        // Hawtio reads its settings from system properties: JAAS login, our roles, nothing fetched or proxied
        System.setProperty("hawtio.authenticationEnabled", "true");
        System.setProperty("hawtio.realm", HawtioRealm.NAME);
        System.setProperty("hawtio.roles", ConsoleLoginModule.ROLES);
        System.setProperty("hawtio.rolePrincipalClasses", ConsolePrincipals.Role.class.getName());
        System.setProperty("hawtio.offline", "true");
        System.setProperty("hawtio.disableProxy", "true");

        Server jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        if (forwardedHeaders) {
            // behind a TLS-terminating proxy: X-Forwarded-Proto makes requests secure (Secure cookie, https origin)
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        boolean tls = !ConsoleAccount.isBlank(tlsKeystore);
        ServerConnector connector;
        if (tls) {
            // HTTPS only: the session cookie is then always Secure
            SslContextFactory.Server keys = new SslContextFactory.Server();
            keys.setKeyStorePath(Path.of(tlsKeystore).toAbsolutePath().toString());
            keys.setKeyStorePassword(tlsKeystorePassword == null ? "" : tlsKeystorePassword);
            keys.setKeyStoreType("PKCS12");
            // no SNI host check: browsers reach it by IP address too, and a proxy by any name
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(jetty, new SslConnectionFactory(keys, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        }
        String scheme = tls ? "https" : "http";
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        jetty.setErrorHandler(errors);
        try {
            connector.open(); // bound now, so that with port 0 the allowed origin has its port
            List<String> origins = JolokiaPolicy.origins(allowedOrigins, scheme, host, connector.getLocalPort());
            policy = JolokiaPolicy.write(origins, Path.of(System.getProperty("java.io.tmpdir"), "cxone-handoff-console"));
            jetty.setHandler(new ConsoleWebApp(archive, policy));
            jetty.start();
            server = jetty;
            LOG.info("Hawtio console at {}://{}:{}/hawtio (login required{}; allowed origins {})", scheme, host, boundPort(),
                    viewer ? ", with a read-only viewer" : "", String.join(" ", origins));
        } catch (Exception e) {
            jetty.stop();
            deletePolicy();
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
            ConsoleAccount.clear();
            deletePolicy();
        }
    }

    private void deletePolicy() throws IOException {
        if (policy != null) {
            Files.deleteIfExists(policy);
            policy = null;
        }
    }

    /** The port the console listens on (useful with port 0), or -1 when it is off. */
    public int boundPort() {
        return server == null ? -1 : ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** hawtio.war with our policy, filters and session settings put in once its web.xml has been read. */
    private static final class ConsoleWebApp extends WebAppContext {

        private final Path policy;

        ConsoleWebApp(Path archive, Path policy) {
            this.policy = policy;
            setContextPath("/hawtio");
            setWar(archive.toAbsolutePath().toString());
            getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
            getSessionHandler().setHttpOnly(true);
            getSessionHandler().setSecureRequestOnly(true); // Secure whenever the request came over TLS
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler() {
                @Override
                protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                        String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
                    // the status only: an exception's message and class are nobody's business outside
                    return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
                            HttpStatus.getMessage(code), null);
                }
            };
            errors.setShowStacks(false);
            errors.setShowCauses(false);
            errors.setShowMessageInTitle(false);
            setErrorHandler(errors);
        }

        @Override
        protected void startWebapp() throws Exception {
            ServletHolder jolokia = getServletHandler().getServlet("jolokia-agent");
            if (jolokia == null) {
                throw new IllegalStateException("hawtio.war has no jolokia-agent servlet to give the access policy to");
            }
            jolokia.setInitParameter("policyLocation", policy.toUri().toString());
            // appended after web.xml's filters, so after Hawtio's AuthenticationFilter has checked the login
            getServletHandler().addFilterWithMapping(new FilterHolder(new JolokiaAccessFilter()), "/jolokia/*",
                    EnumSet.of(DispatcherType.REQUEST));
            getServletHandler().addFilterWithMapping(new FilterHolder(new ConsoleSessionFilter()), "/auth/*",
                    EnumSet.of(DispatcherType.REQUEST));
            super.startWebapp();
        }
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setViewerUser(String viewerUser) {
        this.viewerUser = viewerUser;
    }

    public void setViewerPassword(String viewerPassword) {
        this.viewerPassword = viewerPassword;
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

    public void setAllowedOrigins(String allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public void setForwardedHeaders(boolean forwardedHeaders) {
        this.forwardedHeaders = forwardedHeaders;
    }

    public void setTlsKeystore(String tlsKeystore) {
        this.tlsKeystore = tlsKeystore;
    }

    public void setTlsKeystorePassword(String tlsKeystorePassword) {
        this.tlsKeystorePassword = tlsKeystorePassword;
    }
}
