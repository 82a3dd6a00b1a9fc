package io.cxonehandoff.dfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cxonehandoff.handoff.InteractionFacts;
import io.cxonehandoff.handoff.PageCursor;
import io.cxonehandoff.handoff.UnexpectedCxoneAnswerException;
import io.cxonehandoff.handoff.ListingEntries;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The reconciliation of the dfo profile (its {@code catchUpPages}; docs/cxone-dfo.md, section 4): one contact
 * search for the bot's statuses in the bot's skills, every {@code scrollToken} page. Each case found becomes an
 * event that carries the case (so it needs no second read) for the lanes; once the search is complete, the cases
 * it no longer holds are no longer watched ({@link CaseWatch}).
 */
public class CaseSearch {

    private static final String FOUND = "catchUpFound";

    private final PageCursor cursor = new PageCursor("catchUp", "scrollToken");
    private List<String> statuses = List.of("new", "open", "pending");
    private List<Integer> botSkills = List.of();
    private CaseWatch watch;
    private int maxPages = 100;

    /** One listing: the bot's cases. */
    public List<Map<String, String>> listings() {
        return List.of(Map.of("type", "case", "state", String.join(",", statuses)));
    }

    public void start(String type, String state, Exchange exchange) {
        exchange.setProperty("catchUpType", type);
        exchange.setProperty("catchUpState", state);
        exchange.setProperty(FOUND, new HashSet<String>());
        cursor.start(exchange);
    }

    public boolean hasNextPage(Exchange exchange) {
        return cursor.hasNextPage(exchange);
    }

    /** {@code status[]=new&status[]=open&status[]=pending&query=skillId IN (…)&sorting=…} plus the page's token. */
    public String nextQuery(Exchange exchange) {
        String skills = botSkills.stream().map(String::valueOf).collect(Collectors.joining(","));
        String query = statuses.stream().map(s -> "status%5B%5D=" + encode(s)).collect(Collectors.joining("&"))
                       + "&query=" + encode("skillId IN (" + skills + ")") + "&sorting=createdAt&sortingType=desc";
        return cursor.query(exchange, query);
    }

    /** The page's cases as events ({type, id, state, interaction}); advances (or ends) the search. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> events(@Body Object page, Exchange exchange) {
        if (!(page instanceof Map<?, ?> answer) || !(answer.get("data") instanceof List<?> data)) {
            throw new UnexpectedCxoneAnswerException("contact search has no data list");
        }
        cursor.advance(exchange, data.isEmpty() ? null : answer.get("scrollToken"), maxPages);
        Set<String> found = exchange.getProperty(FOUND, Set.class);
        return data.stream().filter(Map.class::isInstance).map(c -> (Map<?, ?>) c)
                .filter(c -> DfoCase.id(c) != null)
                .map(c -> {
                    found.add(DfoCase.id(c));
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("type", "case");
                    event.put("id", DfoCase.id(c));
                    event.put("state", DfoCase.status(c));
                    event.put("source", "catch-up");
                    return ListingEntries.carry(event, c);
                }).toList();
    }

    /** A complete search says which cases are with the bot: the others are no longer watched. */
    @SuppressWarnings("unchecked")
    public void finish(Exchange exchange) {
        if (watch != null && !cursor.stoppedEarly(exchange)) {
            watch.retainOnly(exchange.getProperty(FOUND, Set.class));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Statuses in which a case may be the bot's (handoff.states). */
    public void setStatuses(String statuses) {
        this.statuses = InteractionFacts.csv(statuses);
    }

    /** The bot's routing queues' skill ids (CXONE_BOT_SKILL_IDS). */
    public void setBotSkillIds(String botSkillIds) {
        this.botSkills = DfoCase.skills(botSkillIds);
    }

    public void setWatch(CaseWatch watch) {
        this.watch = watch;
    }

    /** At most this many search pages in one reconciliation (handoff.catch-up.max-pages). */
    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }
}
