package io.cxonehandoff.console;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * In front of the console's Jolokia, after Hawtio's login check: what each role may send. Jolokia's access
 * policy ({@code jolokia-access.xml}) decides which MBeans and operations exist for anyone; this filter
 * narrows it per role, which Jolokia's policy cannot do:
 * <ul>
 * <li>POST only (a GET could be sent cross-site by a link or an image);</li>
 * <li>no {@code target} (Jolokia's JMX proxy: outbound connections on request; its jar is not in the war
 * either);</li>
 * <li>the viewer: {@code version}, {@code read}, {@code list}, {@code search} and the read-only operations
 * in {@link #VIEWER_OPERATIONS}; the operator: also the other {@code exec} and {@code write} requests the
 * policy allows.</li>
 * </ul>
 * A refused request gets Jolokia's own answer to a policy refusal: HTTP 200 with {@code "status":403} per
 * request (an HTTP 403 would make the console log the user out). A bulk request is refused whole.
 */
public class JolokiaAccessFilter implements Filter {

    /** Read-only operations a viewer may run; the policy still decides on which MBeans they exist. */
    static final Set<String> VIEWER_OPERATIONS = Set.of(
            "list",                  // Hawtio's MBean tree (RBACRegistry), DeadLetterStore.list
            "count",                 // DeadLetterStore.count
            "report",                // ShadowDecisions.report (shadow mode's figures)
            "canInvoke",             // Hawtio's button checks
            "dumpRoutesAsXml",       // route source and diagram, placeholders unresolved
            "dumpRouteAsXml",
            "dumpRoutesStatsAsXml",  // statistics on the diagram
            "dumpRouteStatsAsXml",
            "isUpdateRouteEnabled",
            "browse");               // in-flight and blocked exchanges: ids, routes and times only

    private static final Set<String> READ_TYPES = Set.of("version", "read", "list", "search");
    private static final Set<String> OPERATOR_TYPES = Set.of("version", "read", "list", "search", "exec", "write");
    /** Hawtio's bulk requests (a canInvoke per MBean) stay well under this. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        if ("OPTIONS".equals(request.getMethod())) {
            chain.doFilter(req, resp); // CORS preflight: Jolokia answers it from the policy's allowed origins
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Jolokia answers POST requests only");
            return;
        }
        Optional<String> role = roleOf(request);
        if (role.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        JsonNode requests;
        try {
            requests = JSON.readTree(body);
        } catch (IOException notJson) {
            requests = null;
        }
        if (requests == null || !(requests.isObject() || requests.isArray())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Not a Jolokia request");
            return;
        }
        List<JsonNode> all = new ArrayList<>();
        if (requests.isArray()) {
            requests.forEach(all::add);
        } else {
            all.add(requests);
        }
        List<String> refusals = new ArrayList<>();
        boolean refused = false;
        for (JsonNode one : all) {
            String refusal = refusal(one, role.get());
            refusals.add(refusal);
            refused |= refusal != null;
        }
        if (refused) {
            refuse(response, requests, all, refusals);
            return;
        }
        chain.doFilter(new CachedBody(request, body), resp);
    }

    /** Why this role may not send this request, or null if it may. */
    static String refusal(JsonNode request, String role) {
        if (!request.isObject()) {
            return "Not a Jolokia request";
        }
        if (request.has("target")) {
            return "Proxy requests (target) are not allowed";
        }
        String type = request.path("type").asText("").toLowerCase(Locale.ROOT);
        if (ConsoleAccount.OPERATOR.equals(role)) {
            return OPERATOR_TYPES.contains(type) ? null : "Request type " + type + " is not allowed";
        }
        if (READ_TYPES.contains(type)) {
            return null;
        }
        if ("exec".equals(type)) {
            String operation = request.path("operation").asText("");
            int signature = operation.indexOf('(');
            String name = (signature < 0 ? operation : operation.substring(0, signature)).trim();
            return VIEWER_OPERATIONS.contains(name) ? null : "The viewer may not run " + operation;
        }
        return "The viewer may not send " + type + " requests";
    }

    /**
     * The role of the login behind this request: the session's (set by Hawtio's login), or that of the Basic
     * credentials Hawtio's authentication filter has just checked.
     */
    static Optional<String> roleOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute("subject") instanceof Subject subject) {
            return subject.getPrincipals(ConsolePrincipals.Role.class).stream().map(ConsolePrincipals.Role::getName).findFirst();
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : ConsoleAccount.roleOf(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }

    private static void refuse(HttpServletResponse response, JsonNode requests, List<JsonNode> all, List<String> refusals)
            throws IOException {
        JsonNode answer;
        if (requests.isArray()) {
            ArrayNode each = JSON.createArrayNode();
            for (int i = 0; i < all.size(); i++) {
                String reason = refusals.get(i);
                each.add(error(all.get(i), reason != null ? reason : "Not run: another request of this bulk request was refused"));
            }
            answer = each;
        } else {
            answer = error(requests, refusals.get(0));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(answer));
    }

    private static ObjectNode error(JsonNode request, String reason) {
        ObjectNode error = JSON.createObjectNode();
        error.put("status", 403);
        error.put("error_type", SecurityException.class.getName());
        error.put("error", "java.lang.SecurityException : " + reason);
        error.set("request", request);
        return error;
    }

    /** The request with its body already read, for Jolokia to read again. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
