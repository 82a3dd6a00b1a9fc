package io.cxonehandoff.handoff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Accumulates an interaction's message history page by page for the {@code fetch-history} loop, which
 * runs while {@link #hasNextPage} (see {@link PageCursor} for the guards). The history is kept
 * condensed to {type, author, content, timestamp}, oldest first.
 */
public class HistoryPages {

    /** The condensed history. */
    public static final String HISTORY = "history";
    /** The {@code confidence} of each bot message of the history, oldest first (null where a message has none). */
    public static final String BOT_CONFIDENCES = "historyBotConfidences";
    /** How many pages were read. */
    public static final String PAGES = "historyPages";
    /** Why paging ended early (repeating-cursor, max-pages), or absent. */
    public static final String STOPPED_BY = "historyStoppedBy";

    private final PageCursor cursor = new PageCursor("history");
    private int maxPages = 100;
    private int pageSize = 100;

    public void start(Exchange exchange) {
        exchange.setProperty(HISTORY, new ArrayList<Map<String, Object>>());
        exchange.setProperty(BOT_CONFIDENCES, new ArrayList<Object>());
        cursor.start(exchange);
    }

    /** Whether the loop reads another page. */
    public boolean hasNextPage(Exchange exchange) {
        return cursor.hasNextPage(exchange);
    }

    /** Whether a message's full text must still be read (never in the tutorial API: its pages carry it all). */
    public boolean hasPendingMessage(Exchange exchange) {
        return false;
    }

    /** The full text of a pending message (never called in the tutorial profile). */
    public void addMessage(@Body Object message, Exchange exchange) {
        throw new UnsupportedOperationException("the tutorial API has no messages to read one by one");
    }

    /** The query of the next page's request. */
    public String nextQuery(Exchange exchange) {
        return cursor.query(exchange, "limit=" + pageSize);
    }

    @SuppressWarnings("unchecked")
    public void addPage(@Body Object page, Exchange exchange) {
        if (!(page instanceof Map<?, ?> answer) || !(answer.get("entities") instanceof List<?> entities)) {
            throw new UnexpectedCxoneAnswerException("messages page has no entities list");
        }
        List<Map<String, Object>> history = exchange.getProperty(HISTORY, List.class);
        List<Object> botConfidences = exchange.getProperty(BOT_CONFIDENCES, List.class);
        for (Object entity : entities) {
            if (entity instanceof Map<?, ?> message) {
                history.add(condense(message));
                // kept beside the transcript, not in it: the agent's history keeps its four fields
                if (botConfidences != null && "bot".equals(message.get("author"))) {
                    botConfidences.add(message.get("confidence"));
                }
            }
        }
        cursor.advance(exchange, answer.get("nextPageToken"), maxPages);
    }

    private static Map<String, Object> condense(Map<?, ?> message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", valueOr(message.get("type"), "text"));
        entry.put("author", valueOr(message.get("author"), "unknown"));
        entry.put("content", valueOr(message.get("content"), ""));
        entry.put("timestamp", valueOr(message.get("timestamp"), ""));
        return entry;
    }

    private static Object valueOr(Object value, Object fallback) {
        return value == null ? fallback : value;
    }

    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = Math.min(100, pageSize);
    }
}
