package io.cxonehandoff.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static io.cxonehandoff.simulator.JsonAnswers.json;

/**
 * Reading cases in the dfo profile (docs/cxone-dfo.md sections 4 and 5): the contact search (scrolls are snapshots), a case, its messages
 * (pages of 100, or a bare array, or 404 so the detail is used), its detail, one message.
 */
final class DfoCaseApi {

    static final int SEARCH_PAGE = 25;
    static final int MESSAGE_PAGE = 100;
    private static final int MAX_SCROLLS = 200;
    private static final Pattern SKILL_QUERY = Pattern.compile("\\s*skillId\\s+IN\\s*\\(([\\d\\s,]*)\\)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final ChatStore chats;
    private final DfoCaseView view;
    private final CallGate gate;
    private volatile boolean messagesAsBareArray;
    private volatile boolean messagesMissing;
    private volatile boolean searchRepeatsScrollToken;
    /** The snapshots of the latest scrolls (a scroll older than these has expired: 400). */
    private final Map<String, List<String>> scrolls = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > MAX_SCROLLS;
        }
    });
    private final AtomicLong scrollIds = new AtomicLong();

    DfoCaseApi(ChatStore chats, DfoCaseView view, CallGate gate) {
        this.chats = chats;
        this.view = view;
        this.gate = gate;
    }

    void mount(Router router) {
        router.get("/dfo/3.0/contacts").handler(ctx -> gate.gate(ctx, Operation.LIST_INTERACTIONS, null, this::search));
        router.get("/dfo/3.0/contacts/:id").handler(ctx -> gate.gate(ctx, Operation.GET_INTERACTION, this::contact));
        router.get("/dfo/3.0/contacts/:id/messages").handler(ctx -> gate.gate(ctx, Operation.GET_MESSAGES, this::messages));
        router.get("/dfo/3.0/contacts/:id/detail").handler(ctx -> gate.gate(ctx, Operation.GET_DETAIL, this::detail));
        router.get("/dfo/3.0/messages/:id").handler(ctx -> gate.gate(ctx, Operation.GET_MESSAGE,
                DfoCaseView.caseOfMessage(ctx.pathParam("id")), this::message));
    }

    /**
     * The contact search. A scroll is a point-in-time snapshot, as a search engine's scroll is: the first page fixes
     * which cases the search holds and in which order; later pages page through them however the cases change
     * meanwhile (each shown as it is now). Without that, cases handed off while a reconciliation pages would shift
     * the later pages and some cases would never be seen.
     */
    private void search(RoutingContext ctx) {
        String given = ctx.queryParams().get("scrollToken");
        Scroll scroll = Scroll.decode(given);
        if (scroll == null) {
            json(ctx.response(), 400, Map.of("error", "invalid_scroll_token"));
            return;
        }
        List<String> snapshot = scroll.isFirst() ? firstPage(ctx) : scrolls.get(scroll.id());
        if (snapshot == null) {
            json(ctx.response(), 400, Map.of("error", scroll.isFirst() ? "bad_request" : "scroll_expired"));
            return;
        }
        String id = scroll.isFirst() ? newScroll(snapshot) : scroll.id();
        int from = Math.min(scroll.offset(), snapshot.size());
        int to = Math.min(snapshot.size(), from + SEARCH_PAGE);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("hits", snapshot.size());
        // a token on every page that had cases, as a scroll does; the page after the last is empty
        page.put("scrollToken", from < to ? new Scroll(to, id).encode() : null);
        if (searchRepeatsScrollToken && given != null && !given.isEmpty()) {
            page.put("scrollToken", given); // a broken tenant: the token gets stuck
        }
        page.put("data", snapshot.subList(from, to).stream().map(chats::get).filter(Objects::nonNull).map(view::asCase).toList());
        json(ctx.response(), 200, page);
    }

    /** The ids of the cases the search's first page asks for, in its order; null for a query we do not understand. */
    private List<String> firstPage(RoutingContext ctx) {
        List<String> statuses = ctx.queryParams().getAll("status[]");
        Set<Integer> skills = skills(ctx.queryParams().get("query"));
        if (skills == null) {
            return null;
        }
        Comparator<SimulatedChat> order = Comparator.comparingLong(SimulatedChat::sequence);
        if (!"asc".equalsIgnoreCase(ctx.queryParams().get("sortingType"))) {
            order = order.reversed();
        }
        return chats.all().stream()
                .filter(c -> statuses.isEmpty() || statuses.contains(DfoCaseView.status(c.state())))
                .filter(c -> skills.isEmpty() || skills.contains(view.skillOf(c)))
                .sorted(order)
                .map(SimulatedChat::id)
                .toList();
    }

    private String newScroll(List<String> snapshot) {
        String id = String.valueOf(scrollIds.incrementAndGet());
        scrolls.put(id, snapshot);
        return id;
    }

    /** The skills of {@code skillId IN (a,b)}; empty without a query; null for a query we do not understand. */
    static Set<Integer> skills(String query) {
        if (query == null || query.isBlank()) {
            return Set.of();
        }
        Matcher matcher = SKILL_QUERY.matcher(query);
        if (!matcher.matches()) {
            return null;
        }
        Set<Integer> skills = new HashSet<>();
        for (String part : matcher.group(1).split(",")) {
            try {
                skills.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return skills;
    }

    private void contact(RoutingContext ctx) {
        SimulatedChat chat = chats.get(ctx.pathParam("id"));
        if (chat == null) {
            notFound(ctx);
        } else {
            json(ctx.response(), 200, view.asCase(chat));
        }
    }

    private void messages(RoutingContext ctx) {
        SimulatedChat chat = chats.get(ctx.pathParam("id"));
        if (chat == null || messagesMissing) {
            notFound(ctx);
            return;
        }
        List<Map<String, Object>> all = view.messages(chat);
        if (messagesAsBareArray) {
            json(ctx.response(), 200, all);
            return;
        }
        String cursor = ctx.queryParams().get("scrollToken");
        Integer offset = OffsetCursor.decode(cursor);
        if (offset == null || offset > all.size()) {
            json(ctx.response(), 400, Map.of("error", "invalid_scroll_token"));
            return;
        }
        int end = Math.min(all.size(), offset + MESSAGE_PAGE);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", all.subList(offset, end));
        page.put("scrollToken", end < all.size() ? OffsetCursor.encode(end) : null);
        if (chat.repeatsCursor() && cursor != null && !cursor.isEmpty()) {
            page.put("scrollToken", cursor); // a broken tenant: the token gets stuck
        }
        json(ctx.response(), 200, page);
    }

    private void detail(RoutingContext ctx) {
        SimulatedChat chat = chats.get(ctx.pathParam("id"));
        if (chat == null) {
            notFound(ctx);
        } else {
            Map<String, Object> detail = new LinkedHashMap<>(view.asCase(chat));
            detail.put("messages", view.messages(chat));
            json(ctx.response(), 200, detail);
        }
    }

    private void message(RoutingContext ctx) {
        String messageId = ctx.pathParam("id");
        SimulatedChat chat = chats.get(DfoCaseView.caseOfMessage(messageId));
        Map<String, Object> message = chat == null ? null : DfoCaseView.findMessage(chat, messageId);
        if (message == null) {
            notFound(ctx);
        } else {
            json(ctx.response(), 200, view.message(chat, message, true));
        }
    }

    private static void notFound(RoutingContext ctx) {
        json(ctx.response(), 404, Map.of("error", "not_found"));
    }

    void setMessagesAsBareArray(boolean bare) {
        this.messagesAsBareArray = bare;
    }

    void setMessagesMissing(boolean missing) {
        this.messagesMissing = missing;
    }

    void setSearchRepeatsScrollToken(boolean repeats) {
        this.searchRepeatsScrollToken = repeats;
    }

    /** A search's scroll position: an offset into the snapshot its first page took (empty id: the first page). */
    record Scroll(int offset, String id) {

        boolean isFirst() {
            return id.isEmpty();
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("scroll:" + offset + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** The first page without a token; null for a token we never issued. */
        static Scroll decode(String token) {
            if (token == null || token.isEmpty()) {
                return new Scroll(0, "");
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !parts[0].equals("scroll") || !parts[2].matches("[0-9]{1,18}")) {
                    return null;
                }
                int offset = Integer.parseInt(parts[1]);
                return offset < 0 ? null : new Scroll(offset, parts[2]);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
