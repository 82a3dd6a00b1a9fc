package io.cxonehandoff.dfo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.cxonehandoff.api.StreamEvents;
import io.cxonehandoff.handoff.HistoryPages;
import io.cxonehandoff.handoff.InteractionFacts;
import io.cxonehandoff.handoff.UnexpectedCxoneAnswerException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dfo profile's adapter beans on the shapes docs/cxone-dfo.md describes, and on what it says may vary. */
class DfoAdapterTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aCaseIsTheBotsInANewOpenOrPendingStatusInABotSkillAndItsSignalsAreCustomFields() {
        CaseFacts facts = new CaseFacts();
        facts.setBotSkillIds("4001, 4002");
        facts.setAgentSkillId("5001");

        facts.read(theCase("open", 4002, "0.21", "false"), exchange);
        assertThat(exchange.getProperty(InteractionFacts.WITH_BOT)).isEqualTo(true);
        assertThat(exchange.getProperty(InteractionFacts.BOT_CONFIDENCE)).isEqualTo(0.21);
        assertThat(exchange.getProperty(InteractionFacts.CUSTOMER_REQUESTED)).isEqualTo(false);

        facts.read(theCase("pending", "4001", "not a number", " TRUE "), exchange);
        assertThat(exchange.getProperty(InteractionFacts.WITH_BOT)).isEqualTo(true);
        assertThat(exchange.getProperty(InteractionFacts.BOT_CONFIDENCE)).isNull();
        assertThat(exchange.getProperty(InteractionFacts.CUSTOMER_REQUESTED)).isEqualTo(true);

        facts.read(theCase("escalated", 4001, "0.1", null), exchange);
        assertThat(exchange.getProperty(InteractionFacts.WITH_BOT)).as("escalated is no bot status").isEqualTo(false);

        facts.read(theCase("open", 5001, "0.1", "true"), exchange);
        assertThat(exchange.getProperty(InteractionFacts.WITH_BOT)).isEqualTo(false);
        assertThat(exchange.getProperty(CaseFacts.WITH_AGENTS)).isEqualTo(true);

        Map<String, Object> noQueue = new HashMap<>(theCase("open", 4001, "0.1", null));
        noQueue.remove("routingQueue");
        facts.read(noQueue, exchange);
        assertThat(exchange.getProperty(InteractionFacts.WITH_BOT)).as("no routing queue: nobody's bot").isEqualTo(false);
        assertThatThrownBy(() -> facts.read(List.of(), exchange)).isInstanceOf(UnexpectedCxoneAnswerException.class);
    }

    @Test
    void theTranscriptComesInPagesOrBareOrFromTheDetailAndLongMessagesAreReadWhole() {
        CaseMessages pages = new CaseMessages();
        pages.start(exchange);
        assertThat(pages.nextQuery(exchange)).as("first page: no token").isNull();
        pages.addPage(Map.of("data", List.of(message("m1", "inbound", null, "hello", false),
                message("m2", "outbound", true, "I am the bot", false)), "scrollToken", "t/2+"), exchange);
        assertThat(pages.hasNextPage(exchange)).isTrue();
        assertThat(pages.nextQuery(exchange)).isEqualTo("scrollToken=t%2F2%2B");
        pages.addPage(List.of(message("m3", "outbound", false, "agent here", false), message("m4", "inbound", null, "cut…", true)),
                exchange);
        assertThat(pages.hasNextPage(exchange)).as("a bare array is the last page").isFalse();

        assertThat(pages.hasPendingMessage(exchange)).isTrue();
        assertThat(exchange.getProperty(CaseMessages.MESSAGE_ID)).isEqualTo("m4");
        pages.addMessage(message("m4", "inbound", null, "cut no more: the whole text", false), exchange);
        assertThat(pages.hasPendingMessage(exchange)).isFalse();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = exchange.getProperty(HistoryPages.HISTORY, List.class);
        assertThat(history).extracting(m -> m.get("author")).containsExactly("customer", "bot", "agent", "customer");
        assertThat(history.get(3)).containsEntry("content", "cut no more: the whole text").containsEntry("type", "text");

        CaseMessages detail = new CaseMessages();
        detail.start(exchange);
        detail.addPage(Map.of("case", Map.of(), "messages", List.of(message("d1", "inbound", null, "x", false))), exchange);
        assertThat(detail.hasNextPage(exchange)).isFalse();
        assertThatThrownBy(() -> detail.addPage("<html>", exchange)).isInstanceOf(UnexpectedCxoneAnswerException.class);
    }

    @Test
    void theReconciliationListsTheBotsCasesPageByPageAndForgetsOnlyAfterACompleteSearch() {
        CaseWatch watch = new CaseWatch();
        CaseSearch search = new CaseSearch();
        search.setBotSkillIds("4001,4002");
        search.setWatch(watch);
        search.start("case", "new,open,pending", exchange);
        assertThat(search.nextQuery(exchange)).isEqualTo("status%5B%5D=new&status%5B%5D=open&status%5B%5D=pending"
                + "&query=skillId%20IN%20%284001%2C4002%29&sorting=createdAt&sortingType=desc");
        exchange.setProperty("interactionId", "old");
        watch.subscribed("old");

        List<Map<String, Object>> events = search.events(Map.of("hits", 2, "scrollToken", "s2",
                "data", List.of(theCase("open", 4001, "0.5", null))), exchange);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("type", "case").containsEntry("id", "1201").containsEntry("state", "open");
            assertThat(e.get("interaction")).as("the event carries the case").isInstanceOf(Map.class);
        });
        assertThat(search.nextQuery(exchange)).endsWith("&scrollToken=s2");
        search.events(Map.of("hits", 2, "scrollToken", "s3", "data", List.of()), exchange);
        assertThat(search.hasNextPage(exchange)).as("an empty page ends the search").isFalse();

        search.finish(exchange);
        assertThat(watch.watched()).as("'old' was not found: forgotten").isZero();
    }

    @Test
    void onlyOurFourFieldsAreWrittenAndTheSummaryFitsCxonesLimit() {
        CasePayloads payloads = new CasePayloads(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
        payloads.setAgentSkillId("5001");
        List<Map<String, Object>> history = new ArrayList<>();
        history.add(entry("customer", "hi"));
        history.add(entry("bot", "hello"));
        history.add(entry("customer", "x".repeat(3000)));

        List<Map<String, String>> fields = payloads.context("low_confidence", history);

        assertThat(fields).extracting(f -> f.get("ident")).containsExactly("handoff_reason", "handoff_at", "handoff_source", "handoff_summary");
        assertThat(fields.get(1)).containsEntry("value", "2026-12-01T10:00:00Z");
        String summary = fields.get(3).get("value");
        assertThat(summary).startsWith("messages: customer 2, bot 1, agent 0; last customer message: xxx").endsWith(" […]");
        assertThat(summary.length()).isLessThanOrEqualTo(1024);
        assertThat(CasePayloads.summary(List.of(entry("bot", "only me")))).isEqualTo("messages: customer 0, bot 1, agent 0");
        assertThat(payloads.transfer(null)).isEqualTo(Map.of("skillId", 5001));
        assertThat(payloads.transfer("5002")).as("a queue rule's skill").isEqualTo(Map.of("skillId", 5002));
    }

    @Test
    void theEventHubSessionAcceptsBothFramingsAndKnowsWhenItIsThrottled() {
        EventHubProtocol hub = new EventHubProtocol();
        assertThat(hub.authenticate("tok")).isEqualTo("{\"action\":\"register\",\"payload\":{\"token\":\"tok\"}}");
        assertThat(hub.isAuthenticated("authorized")).isTrue();
        assertThat(hub.isAuthenticated(" \"authorized\"\n")).isTrue();
        assertThat(hub.isAuthenticated("unauthorized")).isFalse();
        assertThat(hub.subscribe()).isNull();
        assertThat(hub.heartbeat()).isEqualTo("{\"action\":\"heartbeat\"}");
        assertThat(hub.isHeartbeatAnswer("pong")).isTrue();
        assertThat(hub.isHeartbeatAnswer("\"pong\"")).isTrue();
        assertThat(hub.isRateLimited("RATE_LIMIT_EXCEEDED")).isTrue();
        assertThat(hub.isRateLimited("\"RATE_LIMIT_EXCEEDED\"")).isTrue();
        assertThat(hub.isRateLimited("{\"error\":\"RATE_LIMIT_EXCEEDED\"}")).isTrue();
        assertThat(hub.isRateLimited("{\"eventType\":\"MessageAddedIntoCase\",\"data\":{\"text\":\"RATE_LIMIT_EXCEEDED\"}}"))
                .as("a customer typing the words is no throttling").isFalse();
    }

    @Test
    void hubEventsBecomeCaseEventsAndWhatIsNoEventSaysWhy() {
        OwnTransfers own = new OwnTransfers();
        own.remember("trace-ours");
        EventHubEvents events = new EventHubEvents();
        events.setOwnTransfers(own);

        Map<String, Object> event = events.toEvent(hubEvent("MessageAddedIntoCase", "1201", "open", null), exchange);
        assertThat(event).containsEntry("type", "case").containsEntry("id", "1201").containsEntry("state", "open")
                .containsEntry("eventType", "MessageAddedIntoCase");
        assertThat(exchange.getProperty(StreamEvents.IGNORED)).isNull();

        events.toEvent(hubEvent("CaseToRoutingQueueAssignmentChanged", "1201", "open", "trace-ours"), fresh());
        assertThat(last.getProperty(StreamEvents.IGNORED)).isEqualTo("own_transfer");
        // the event of a change still on its way (it may overtake the change's answer) is ours too; only that kind
        own.sending("1202");
        events.toEvent(hubEvent("CaseToRoutingQueueAssignmentChanged", "1202", "open", "trace-not-yet-known"), fresh());
        assertThat(last.getProperty(StreamEvents.IGNORED)).isEqualTo("own_transfer");
        events.toEvent(hubEvent("MessageAddedIntoCase", "1202", "open", null), fresh());
        assertThat(last.getProperty(StreamEvents.IGNORED)).isNull();
        own.settled(null, "1202");
        events.toEvent(hubEvent("CaseToRoutingQueueAssignmentChanged", "1202", "open", "someone-else"), fresh());
        assertThat(last.getProperty(StreamEvents.IGNORED)).as("settled without a trace id: no longer ours").isNull();
        events.toEvent(hubEvent("SomethingNew; DROP TABLE", "1", "open", null), fresh());
        assertThat(last.getProperty(StreamEvents.IGNORED)).as("bounded tag values").isEqualTo("unhandled_type");

        Map<String, Object> inS3 = new HashMap<>(Map.of("eventType", "EventInS3",
                "data", Map.of("s3Object", Map.of("url", "https://bucket.s3.eu-west-1.amazonaws.com/e/1?sig=x"))));
        events.toEvent(inS3, fresh());
        assertThat(last.getProperty(StreamEvents.PAYLOAD_URL)).isEqualTo("https://bucket.s3.eu-west-1.amazonaws.com/e/1?sig=x");
        inS3.put("data", Map.of("s3Object", Map.of("url", "http://169.254.169.254/latest/meta-data")));
        events.toEvent(inS3, fresh());
        assertThat(last.getProperty(StreamEvents.PAYLOAD_URL)).as("only the URLs we fetch from").isNull();
        assertThat(last.getProperty(StreamEvents.IGNORED)).isEqualTo("payload_url_refused");
    }

    @Test
    void theIdTokenNamesTheTenantAndTheUserAndTheGrantIsBasicPlusPassword() {
        String claims = "{\"tenantId\":\"11e1-tenant\",\"sub\":\"user:9f2c-user\"}";
        String jwt = "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
        assertThat(IdTokenClaims.of(jwt)).isEqualTo(new IdTokenClaims("11e1-tenant", "9f2c-user"));
        assertThat(IdTokenClaims.of("not a jwt")).isEqualTo(new IdTokenClaims(null, null));
        assertThat(IdTokenClaims.of(null)).isEqualTo(new IdTokenClaims(null, null));

        DfoCredentials credentials = new DfoCredentials();
        credentials.setClientId("app id");
        credentials.setClientSecret("s:cret");
        credentials.setAccessKeyId("AK1");
        credentials.setAccessKeySecret("p&ss=");
        assertThat(new String(Base64.getDecoder().decode(credentials.clientAuthorization().substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("app+id:s%3Acret");
        assertThat(credentials.formBody()).isEqualTo("grant_type=password&username=AK1&password=p%26ss%3D");
        assertThat(credentials.toString()).doesNotContain("s:cret", "p&ss=");
    }

    @Test
    void aWatchedCaseIsSubscribedAgainBeforeItsSubscriptionMayLapse() {
        AtomicLong now = new AtomicLong(1_000_000);
        CaseWatch watch = new CaseWatch(now::get);
        watch.setResubscribeAfterMs(240_000);
        assertThat(watch.due("c1")).isTrue();
        watch.subscribed("c1");
        assertThat(watch.due("c1")).isFalse();
        now.addAndGet(239_999);
        assertThat(watch.due("c1")).isFalse();
        now.addAndGet(1);
        assertThat(watch.due("c1")).isTrue();
        assertThat(watch.subscription("c1")).isEqualTo(Map.of("relationObjectId", "c1", "subscriptionType", "contact"));
        watch.retainOnly(Set.of());
        assertThat(watch.watched()).isZero();
    }

    private Exchange last;

    private Exchange fresh() {
        last = new DefaultExchange(new DefaultCamelContext());
        return last;
    }

    private static Map<String, Object> theCase(String status, Object skill, String confidence, String requested) {
        List<Map<String, Object>> custom = new ArrayList<>();
        Map<String, Object> confidenceField = new LinkedHashMap<>();
        confidenceField.put("ident", "bot_confidence");
        confidenceField.put("value", confidence);
        custom.add(confidenceField);
        if (requested != null) {
            custom.add(Map.of("ident", "handoff_requested", "value", requested));
        }
        Map<String, Object> theCase = new HashMap<>();
        theCase.put("id", "1201");
        theCase.put("status", status);
        theCase.put("routingQueue", Map.of("id", "6f1c", "skillId", skill));
        theCase.put("customFields", custom);
        return theCase;
    }

    private static Map<String, Object> message(String id, String direction, Boolean botUser, String text, boolean cut) {
        Map<String, Object> message = new HashMap<>();
        message.put("id", id);
        message.put("direction", direction);
        message.put("createdAt", "2026-12-01T10:00:00Z");
        message.put("messageContent", Map.of("type", "TEXT", "text", text));
        message.put("hasAdditionalMessageContent", cut);
        if (botUser != null) {
            message.put("authorUser", Map.of("id", "u", "isBotUser", botUser));
        }
        return message;
    }

    private static Map<String, Object> entry(String author, String content) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("author", author);
        entry.put("content", content);
        return entry;
    }

    private static Map<String, Object> hubEvent(String type, String caseId, String status, String traceId) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", "e1");
        event.put("eventType", type);
        event.put("data", Map.of("case", Map.of("id", caseId, "status", status)));
        if (traceId != null) {
            event.put("traceId", traceId);
        }
        return event;
    }
}
