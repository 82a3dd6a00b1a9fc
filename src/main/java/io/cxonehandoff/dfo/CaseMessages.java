package io.cxonehandoff.dfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxonehandoff.handoff.HistoryPages;
import io.cxonehandoff.handoff.PageCursor;
import io.cxonehandoff.handoff.UnexpectedCxoneAnswerException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * A DFO case's transcript for the {@code fetch-history} loops (the dfo profile's {@code historyPages};
 * docs/cxone-dfo.md, section 5): pages of {@code /contacts/{id}/messages} (a bare array, or {@code {data,
 * scrollToken}}), or the {@code /detail} answer's {@code messages}; a message whose text is cut
 * ({@code hasAdditionalMessageContent}) is read again whole from {@code /messages/{id}}, at most
 * {@code maxLongMessages} per case. Kept as the tutorial's condensed history, {type, author, content, timestamp}:
 * inbound = customer, outbound by a bot user = bot, other outbound = agent.
 */
public class CaseMessages {

    /** Exchange property: the id of the message read next (path {@code /dfo/3.0/messages/{messageId}}). */
    public static final String MESSAGE_ID = "messageId";
    private static final String PENDING = "historyPendingMessages";

    private final PageCursor cursor = new PageCursor("history", "scrollToken");
    private int maxPages = 100;
    private int maxLongMessages = 50;

    public void start(Exchange exchange) {
        exchange.setProperty(HistoryPages.HISTORY, new ArrayList<Map<String, Object>>());
        exchange.setProperty(PENDING, new ArrayDeque<Object[]>());
        cursor.start(exchange);
    }

    public boolean hasNextPage(Exchange exchange) {
        return cursor.hasNextPage(exchange);
    }

    public String nextQuery(Exchange exchange) {
        String query = cursor.query(exchange, "");
        return query.isEmpty() ? null : query;
    }

    /** One page: a bare array (the last page), {@code {data, scrollToken}}, or a detail's {@code {messages}}. */
    @SuppressWarnings("unchecked")
    public void addPage(@Body Object page, Exchange exchange) {
        List<?> messages;
        Object next = null;
        if (page instanceof List<?> bare) {
            messages = bare;
        } else if (page instanceof Map<?, ?> answer && answer.get("data") instanceof List<?> data) {
            messages = data;
            next = answer.get("scrollToken");
        } else if (page instanceof Map<?, ?> detail && detail.get("messages") instanceof List<?> inDetail) {
            messages = inDetail;
        } else {
            throw new UnexpectedCxoneAnswerException("messages page has no messages list");
        }
        List<Map<String, Object>> history = exchange.getProperty(HistoryPages.HISTORY, List.class);
        Deque<Object[]> pending = exchange.getProperty(PENDING, Deque.class);
        for (Object entry : messages) {
            if (entry instanceof Map<?, ?> message) {
                history.add(condense(message));
                if (Boolean.TRUE.equals(message.get("hasAdditionalMessageContent")) && message.get("id") != null
                    && pending.size() < maxLongMessages) {
                    pending.add(new Object[] {history.size() - 1, message.get("id").toString()});
                }
            }
        }
        // an empty page ends the transcript, whatever token it carries
        cursor.advance(exchange, messages.isEmpty() ? null : next, maxPages);
    }

    /** Whether a long message is still to be read whole; names it in {@link #MESSAGE_ID}. */
    @SuppressWarnings("unchecked")
    public boolean hasPendingMessage(Exchange exchange) {
        Deque<Object[]> pending = exchange.getProperty(PENDING, Deque.class);
        if (pending == null || pending.isEmpty()) {
            return false;
        }
        exchange.setProperty(MESSAGE_ID, pending.peekFirst()[1]);
        return true;
    }

    /** The whole long message: its text replaces the cut one. */
    @SuppressWarnings("unchecked")
    public void addMessage(@Body Object message, Exchange exchange) {
        Object[] next = exchange.getProperty(PENDING, Deque.class) instanceof Deque<?> pending ? (Object[]) pending.pollFirst() : null;
        if (next == null || !(message instanceof Map<?, ?> whole)) {
            return;
        }
        List<Map<String, Object>> history = exchange.getProperty(HistoryPages.HISTORY, List.class);
        history.get((Integer) next[0]).put("content", text(whole));
    }

    static Map<String, Object> condense(Map<?, ?> message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        Object content = message.get("messageContent") instanceof Map<?, ?> c ? c.get("type") : null;
        entry.put("type", content == null ? "text" : content.toString().toLowerCase());
        entry.put("author", author(message));
        entry.put("content", text(message));
        entry.put("timestamp", message.get("createdAt") == null ? "" : message.get("createdAt").toString());
        return entry;
    }

    private static String author(Map<?, ?> message) {
        Object direction = message.get("direction");
        if ("inbound".equals(direction)) {
            return "customer";
        }
        if ("outbound".equals(direction)) {
            boolean bot = message.get("authorUser") instanceof Map<?, ?> user && Boolean.TRUE.equals(user.get("isBotUser"));
            return bot ? "bot" : "agent";
        }
        return "unknown";
    }

    private static String text(Map<?, ?> message) {
        Object text = message.get("messageContent") instanceof Map<?, ?> content ? content.get("text") : null;
        return text == null ? "" : text.toString();
    }

    /** At most this many pages are read (handoff.history.max-pages). */
    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }

    /** At most this many cut messages are read whole, per case (handoff.history.max-long-messages). */
    public void setMaxLongMessages(int maxLongMessages) {
        this.maxLongMessages = maxLongMessages;
    }
}
