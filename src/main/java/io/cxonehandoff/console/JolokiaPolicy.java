package io.cxonehandoff.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's Jolokia access policy: {@code jolokia-access.xml} (beside this class) with the allowed origins
 * filled in, written to a file that the war's Jolokia servlet loads. A file, not a classpath resource: Jolokia
 * lets everything through when a classpath policy is missing, but refuses everything when a file is.
 */
final class JolokiaPolicy {

    private static final String TEMPLATE = "jolokia-access.xml";
    private static final String MARKER = "<!--ALLOWED_ORIGINS-->";
    /** scheme://host[:port], host a name, an IPv4 or [IPv6] address; {@code *} as Jolokia's wildcard. */
    private static final Pattern ORIGIN = Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9*.-]+)(:([0-9]{1,5}|\\*))?");

    private JolokiaPolicy() {
    }

    /**
     * The allowed origins: the configured ones (comma separated), or else the console's own, as a browser
     * names it: the scheme, the host it listens on (127.0.0.1 and localhost for a loopback or wildcard
     * address) and the port.
     */
    static List<String> origins(String configured, String scheme, String host, int port) {
        Set<String> origins = new LinkedHashSet<>();
        if (configured != null && !configured.isBlank()) {
            Arrays.stream(configured.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                    .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).forEach(origins::add);
        } else {
            String suffix = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme)) ? "" : ":" + port;
            boolean local = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")
                    || host.startsWith("127.") || host.equals("localhost") || host.equals("::1");
            if (local) {
                origins.add(scheme + "://127.0.0.1" + suffix);
                origins.add(scheme + "://localhost" + suffix);
            } else {
                origins.add(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + suffix);
            }
        }
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("Not an origin (scheme://host[:port]): " + origin);
            }
        }
        return new ArrayList<>(origins);
    }

    /** The policy with these origins allowed: each as an Origin, and as the start of a Referer. */
    static String render(List<String> origins) {
        StringBuilder allowed = new StringBuilder();
        for (String origin : origins) {
            String lower = origin.toLowerCase(java.util.Locale.ROOT);
            allowed.append("<allow-origin>").append(lower).append("</allow-origin>\n    ");
            allowed.append("<allow-origin>").append(lower).append("/*</allow-origin>\n    ");
        }
        return template().replace(MARKER, allowed.toString().trim());
    }

    /** Writes the policy into a new file in this directory and returns it. */
    static Path write(List<String> origins, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "jolokia-access-", ".xml");
        Files.writeString(file, render(origins), StandardCharsets.UTF_8);
        return file;
    }

    private static String template() {
        try (InputStream in = JolokiaPolicy.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(MARKER)) {
                throw new IllegalStateException(TEMPLATE + " has no " + MARKER);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
