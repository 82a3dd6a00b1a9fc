package io.cxonehandoff.handoff;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryPagesTest {

    private final HistoryPages pages = new HistoryPages();
    private Exchange exchange;

    @BeforeEach
    void start() {
        exchange = new DefaultExchange(new DefaultCamelContext());
        pages.setMaxPages(3);
        pages.start(exchange);
    }

    @Test
    void condensesMessagesAndFollowsTheCursor() {
        assertThat(pages.nextQuery(exchange)).isEqualTo("limit=100");
        pages.addPage(page("next/1+", Map.of("id", "m1", "type", "text", "author", "bot", "content", "hi",
                "timestamp", "2026-11-23T10:15:30Z", "extra", "dropped")), exchange);
        assertThat(pages.nextQuery(exchange)).isEqualTo("limit=100&cursor=next%2F1%2B");
        pages.addPage(page(null, Map.of("author", "customer", "content", "agent please")), exchange);

        assertThat(pages.hasNextPage(exchange)).isFalse();
        assertThat(exchange.getProperty(HistoryPages.STOPPED_BY)).isNull();
        assertThat(exchange.getProperty(HistoryPages.HISTORY, List.class)).containsExactly(
                Map.of("type", "text", "author", "bot", "content", "hi", "timestamp", "2026-11-23T10:15:30Z"),
                Map.of("type", "text", "author", "customer", "content", "agent please", "timestamp", ""));
    }

    @Test
    void repeatingCursorEndsThePaging() {
        pages.addPage(page("c1"), exchange);
        pages.addPage(page("c1"), exchange);
        assertThat(pages.hasNextPage(exchange)).isFalse();
        assertThat(exchange.getProperty(HistoryPages.STOPPED_BY)).isEqualTo("repeating-cursor");
    }

    @Test
    void maxPagesEndsThePaging() {
        pages.addPage(page("c1"), exchange);
        pages.addPage(page("c2"), exchange);
        pages.addPage(page("c3"), exchange);
        assertThat(pages.hasNextPage(exchange)).isFalse();
        assertThat(exchange.getProperty(HistoryPages.STOPPED_BY)).isEqualTo("max-pages");
        assertThat(exchange.getProperty(HistoryPages.PAGES)).isEqualTo(3);
    }

    @Test
    void aPageWithoutEntitiesIsAnUnexpectedAnswer() {
        assertThatThrownBy(() -> pages.addPage(Map.of("items", List.of()), exchange))
                .isInstanceOf(UnexpectedCxoneAnswerException.class);
        assertThatThrownBy(() -> pages.addPage("<html>", exchange))
                .isInstanceOf(UnexpectedCxoneAnswerException.class);
    }

    @SafeVarargs
    private static Map<String, Object> page(String next, Map<String, Object>... messages) {
        java.util.HashMap<String, Object> page = new java.util.HashMap<>();
        page.put("entities", List.of(messages));
        page.put("nextPageToken", next);
        return page;
    }
}
