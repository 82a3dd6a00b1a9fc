package io.cxonehandoff.handoff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.apache.camel.Exchange;

/**
 * Cursor state of one paginated CXone listing, kept in exchange properties named {@code <prefix>Cursor},
 * {@code <prefix>Pages} and {@code <prefix>StoppedBy}. A route loops while the cursor property is not
 * null ({@link #hasNextPage}). Guards: a cursor seen before ({@code repeating-cursor}) or {@code maxPages} pages
 * ({@code max-pages}) end the loop early and say why.
 */
final class PageCursor {

    private final String cursor;
    private final String pages;
    private final String stoppedBy;
    private final String seen;

    PageCursor(String prefix) {
        this.cursor = prefix + "Cursor";
        this.pages = prefix + "Pages";
        this.stoppedBy = prefix + "StoppedBy";
        this.seen = prefix + "CursorsSeen";
    }

    void start(Exchange exchange) {
        exchange.setProperty(cursor, "");
        exchange.setProperty(pages, 0);
        exchange.setProperty(seen, new HashSet<String>());
        exchange.removeProperty(stoppedBy);
    }

    /** Whether another page is to be read. */
    boolean hasNextPage(Exchange exchange) {
        return exchange.getProperty(cursor) != null;
    }

    /** {@code query} plus the cursor parameter when there is one. */
    String query(Exchange exchange, String query) {
        String current = exchange.getProperty(cursor, String.class);
        return current == null || current.isEmpty()
                ? query : query + "&cursor=" + URLEncoder.encode(current, StandardCharsets.UTF_8);
    }

    /** Counts a page and moves to its {@code nextPageToken}, or ends the loop. */
    @SuppressWarnings("unchecked")
    void advance(Exchange exchange, Object nextPageToken, int maxPages) {
        int read = exchange.getProperty(pages, Integer.class) + 1;
        exchange.setProperty(pages, read);
        String next = nextPageToken instanceof String token && !token.isEmpty() ? token : null;
        if (next != null && !exchange.getProperty(seen, Set.class).add(next)) {
            exchange.setProperty(stoppedBy, "repeating-cursor");
            next = null;
        } else if (next != null && read >= maxPages) {
            exchange.setProperty(stoppedBy, "max-pages");
            next = null;
        }
        exchange.setProperty(cursor, next);
    }
}
