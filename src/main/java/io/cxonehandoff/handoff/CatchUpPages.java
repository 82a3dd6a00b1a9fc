package io.cxonehandoff.handoff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Pages through the catch-up listing (interactions still with the bot) for the {@code catch-up-state}
 * loop, which runs while {@link #hasNextPage} (guards in {@link PageCursor}). Each page becomes
 * stream-shaped events ({type, id, state}) for the handoff queue, so missed chats take exactly the path
 * of live ones.
 */
public class CatchUpPages {

    /** Why the listing ended early (repeating-cursor, max-pages), or absent. */
    public static final String STOPPED_BY = "catchUpStoppedBy";

    /** The listing's type. */
    public static final String TYPE = "catchUpType";
    /** The listing's state. */
    public static final String STATE = "catchUpState";

    private final PageCursor cursor = new PageCursor("catchUp");
    private List<String> types = List.of("webchat");
    private List<String> states = List.of("bot_active");
    private int maxPages = 100;
    private int pageSize = 100;

    /** One listing per configured type and state: {@code [{type, state}, ...]}. */
    public List<Map<String, String>> listings() {
        return types.stream().flatMap(type -> states.stream().map(state -> Map.of("type", type, "state", state))).toList();
    }

    /** Starts the listing of one type and state. */
    public void start(String type, String state, Exchange exchange) {
        exchange.setProperty(TYPE, type);
        exchange.setProperty(STATE, state);
        cursor.start(exchange);
    }

    /** Whether the loop reads another page. */
    public boolean hasNextPage(Exchange exchange) {
        return cursor.hasNextPage(exchange);
    }

    /** The listing query for one type and state. */
    public String nextQuery(@ExchangeProperty(TYPE) String type, @ExchangeProperty(STATE) String state,
                            Exchange exchange) {
        return cursor.query(exchange, "state=" + encode(state) + "&type=" + encode(type) + "&limit=" + pageSize);
    }

    /** The page's interactions as events; advances (or ends) the cursor. */
    public List<Map<String, Object>> events(@Body Object page, Exchange exchange) {
        if (!(page instanceof Map<?, ?> answer) || !(answer.get("entities") instanceof List<?> entities)) {
            throw new UnexpectedCxoneAnswerException("catch-up listing has no entities list");
        }
        cursor.advance(exchange, answer.get("nextPageToken"), maxPages);
        return entities.stream()
                .filter(Map.class::isInstance).map(entity -> (Map<?, ?>) entity)
                .filter(interaction -> interaction.get("id") != null)
                .map(CatchUpPages::asEvent)
                .toList();
    }

    private static Map<String, Object> asEvent(Map<?, ?> interaction) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", interaction.get("type"));
        event.put("id", String.valueOf(interaction.get("id")));
        event.put("state", interaction.get("state"));
        event.put("source", "catch-up");
        // the listing entry is the interaction as GET would answer it: evaluated without reading it again
        return ListingEntries.carry(event, interaction);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** The interaction types listed (handoff.types). */
    public void setTypes(String types) {
        this.types = csv(types);
    }

    /** The states listed (handoff.states). */
    public void setStates(String states) {
        this.states = csv(states);
    }

    private static List<String> csv(String values) {
        return InteractionFacts.csv(values);
    }

    /** The listing is complete: nothing to settle in the tutorial profile, whose stream sends every event. */
    public void finish(Exchange exchange) {
        // no watch list to prune
    }

    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = Math.min(100, pageSize);
    }
}
