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
public final class PageCursor {

    private final String parameter;
    private final String cursor;
    private final String pages;
    private final String stoppedBy;
    private final String seen;

    PageCursor(String prefix) {
        this(prefix, "cursor");
    }

    /** {@code parameter}: the query parameter the next page's token goes in ({@code cursor}, {@code scrollToken}). */
    public PageCursor(String prefix, String parameter) {
        this.parameter = parameter;
        this.cursor = prefix + "Cursor";
        this.pages = prefix + "Pages";
        this.stoppedBy = prefix + "StoppedBy";
        this.seen = prefix + "CursorsSeen";
    }

    public void start(Exchange exchange) {
        exchange.setProperty(cursor, "");
        exchange.setProperty(pages, 0);
        exchange.setProperty(seen, new HashSet<String>());
        exchange.removeProperty(stoppedBy);
    }

    /** Whether another page is to be read. */
    public boolean hasNextPage(Exchange exchange) {
        return exchange.getProperty(cursor) != null;
    }

    /** {@code query} plus the cursor parameter when there is one. */
    public String query(Exchange exchange, String query) {
        String current = exchange.getProperty(cursor, String.class);
        if (current == null || current.isEmpty()) {
            return query;
        }
        return (query.isEmpty() ? "" : query + "&") + parameter + "=" + URLEncoder.encode(current, StandardCharsets.UTF_8);
    }

    /** Whether paging was cut short by a guard (the listing is then incomplete). */
    public boolean stoppedEarly(Exchange exchange) {
        return exchange.getProperty(stoppedBy) != null;
    }

    /** Counts a page and moves to its {@code nextPageToken}, or ends the loop. */
    @SuppressWarnings("unchecked")
    public void advance(Exchange exchange, Object nextPageToken, int maxPages) {
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
