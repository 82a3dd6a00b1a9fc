package io.cxonehandoff.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The path of a CXone call from its template, e.g. {@code /api/v2/interactions/{interactionId}/messages}: each
 * {@code {name}} is the exchange property of that name, encoded as one path segment (RFC 3986), so an id can
 * never add a segment, a query or a fragment to the request.
 */
public class RequestPath {

    /** Exchange property holding the template of the call under way (set by the cxone-operation template). */
    public static final String TEMPLATE = "cxonePathTemplate";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public String expand(@ExchangeProperty(TEMPLATE) String template, Exchange exchange) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            Object value = exchange.getProperty(name);
            if (value == null || value.toString().isEmpty()) {
                throw new IllegalStateException("path " + template + " needs exchange property " + name);
            }
            placeholder.appendReplacement(path, Matcher.quoteReplacement(segment(value.toString())));
        }
        placeholder.appendTail(path);
        return path.toString();
    }

    /** {@code value} as one path segment: everything but unreserved characters percent-encoded, dot segments too. */
    static String segment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return encoded.toString();
    }
}
