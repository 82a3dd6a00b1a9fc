package io.cxonehandoff.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static io.cxonehandoff.simulator.JsonAnswers.json;

/**
 * Reading cases in the dfo profile (docs/cxone-dfo.md sections 4 and 5): the contact search, a case, its messages
 * (pages of 100, or a bare array, or 404 so the detail is used), its detail, one message.
 */
final class DfoCaseApi {

    static final int SEARCH_PAGE = 25;
    static final int MESSAGE_PAGE = 100;
    private static final Pattern SKILL_QUERY = Pattern.compile("\\s*skillId\\s+IN\\s*\\(([\\d\\s,]*)\\)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final ChatStore chats;
    private final DfoCaseView view;
    private final CallGate gate;
    private volatile boolean messagesAsBareArray;
    private volatile boolean messagesMissing;
    private volatile boolean searchRepeatsScrollToken;

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

    private void search(RoutingContext ctx) {
        List<String> statuses = ctx.queryParams().getAll("status[]");
        Set<Integer> skills = skills(ctx.queryParams().get("query"));
        Scroll scroll = Scroll.decode(ctx.queryParams().get("scrollToken"));
        if (skills == null || scroll == null) {
            json(ctx.response(), 400, Map.of("error", "bad_request"));
            return;
        }
        long snapshot = scroll.snapshot() > 0 ? scroll.snapshot() : Long.MAX_VALUE;
        Comparator<SimulatedChat> order = Comparator.comparingLong(SimulatedChat::sequence);
        if (!"asc".equalsIgnoreCase(ctx.queryParams().get("sortingType"))) {
            order = order.reversed();
        }
        List<SimulatedChat> matching = chats.all().stream()
                .filter(c -> c.sequence() <= snapshot)
                .filter(c -> statuses.isEmpty() || statuses.contains(DfoCaseView.status(c.state())))
                .filter(c -> skills.isEmpty() || skills.contains(view.skillOf(c)))
                .sorted(order)
                .toList();
        int from = Math.min(scroll.offset(), matching.size());
        int to = Math.min(matching.size(), from + SEARCH_PAGE);
        long pinned = scroll.snapshot() > 0 ? scroll.snapshot()
                : matching.stream().mapToLong(SimulatedChat::sequence).max().orElse(0);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("hits", matching.size());
        // a token on every page that had cases, as a scroll does; the page after the last is empty
        page.put("scrollToken", from < to ? new Scroll(to, pinned).encode() : null);
        String given = ctx.queryParams().get("scrollToken");
        if (searchRepeatsScrollToken && given != null && !given.isEmpty()) {
            page.put("scrollToken", given); // a broken tenant: the token gets stuck
        }
        page.put("data", matching.subList(from, to).stream().map(view::asCase).toList());
        json(ctx.response(), 200, page);
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

    /** A search's scroll position: an offset into the answer as it was at the first page (the snapshot). */
    record Scroll(int offset, long snapshot) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("scroll:" + offset + ":" + snapshot).getBytes(StandardCharsets.UTF_8));
        }

        /** The first page without a token; null for a token we never issued. */
        static Scroll decode(String token) {
            if (token == null || token.isEmpty()) {
                return new Scroll(0, 0);
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !parts[0].equals("scroll")) {
                    return null;
                }
                int offset = Integer.parseInt(parts[1]);
                long snapshot = Long.parseLong(parts[2]);
                return offset < 0 ? null : new Scroll(offset, snapshot);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
