package io.cxonehandoff.handoff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Accumulates an interaction's message history page by page for the {@code fetch-history} loop.
 * State lives in exchange properties (one handoff, one exchange); the loop runs while
 * {@value #CURSOR} is not null. Guards: a cursor seen before, or more than {@code maxPages} pages,
 * ends the loop and names why in {@value #STOPPED_BY}.
 */
public class HistoryPages {

    /** The condensed history, oldest first: {type, author, content, timestamp}. */
    public static final String HISTORY = "history";
    /** The next page's cursor: "" before the first page, null when done. */
    public static final String CURSOR = "historyCursor";
    /** How many pages were read. */
    public static final String PAGES = "historyPages";
    /** Why paging ended early (repeating-cursor, max-pages), or absent. */
    public static final String STOPPED_BY = "historyStoppedBy";

    private static final String SEEN = "historyCursorsSeen";

    private int maxPages = 100;
    private int pageSize = 100;

    public void start(Exchange exchange) {
        exchange.setProperty(HISTORY, new ArrayList<Map<String, Object>>());
        exchange.setProperty(CURSOR, "");
        exchange.setProperty(PAGES, 0);
        exchange.setProperty(SEEN, new HashSet<String>());
        exchange.removeProperty(STOPPED_BY);
    }

    /** The query of the next page's request. */
    public String nextQuery(Exchange exchange) {
        String cursor = exchange.getProperty(CURSOR, String.class);
        String query = "limit=" + pageSize;
        return cursor == null || cursor.isEmpty()
                ? query : query + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public void addPage(@Body Object page, Exchange exchange) {
        if (!(page instanceof Map<?, ?> answer) || !(answer.get("entities") instanceof List<?> entities)) {
            throw new UnexpectedCxoneAnswerException("messages page has no entities list");
        }
        List<Map<String, Object>> history = exchange.getProperty(HISTORY, List.class);
        for (Object entity : entities) {
            if (entity instanceof Map<?, ?> message) {
                history.add(condense(message));
            }
        }
        int pages = exchange.getProperty(PAGES, Integer.class) + 1;
        exchange.setProperty(PAGES, pages);
        exchange.setProperty(CURSOR, nextCursor(answer.get("nextPageToken"), pages, exchange));
    }

    @SuppressWarnings("unchecked")
    private String nextCursor(Object token, int pages, Exchange exchange) {
        if (!(token instanceof String next) || next.isEmpty()) {
            return null;
        }
        if (!exchange.getProperty(SEEN, Set.class).add(next)) {
            exchange.setProperty(STOPPED_BY, "repeating-cursor");
            return null;
        }
        if (pages >= maxPages) {
            exchange.setProperty(STOPPED_BY, "max-pages");
            return null;
        }
        return next;
    }

    private static Map<String, Object> condense(Map<?, ?> message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", message.get("type") == null ? "text" : message.get("type"));
        entry.put("author", message.get("author") == null ? "unknown" : message.get("author"));
        entry.put("content", message.get("content") == null ? "" : message.get("content"));
        entry.put("timestamp", message.get("timestamp") == null ? "" : message.get("timestamp"));
        return entry;
    }

    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = Math.min(100, pageSize);
    }
}
