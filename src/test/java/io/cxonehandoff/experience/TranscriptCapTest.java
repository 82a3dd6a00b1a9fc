package io.cxonehandoff.experience;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.SimulatedChat;
import io.cxonehandoff.simulator.Transfer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** handoff.transcript.max-messages through the real routes: the newest messages, and a first one saying what is left out. */
class TranscriptCapTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF, "handoff.transcript.max-messages", "50");
    }

    @Test
    void theAgentGetsTheNewestFiftyMessagesAfterAMarker() {
        String id = "long-chat";
        SimulatedChat chat = simulator().chat(id).confidence(0.1).messages(180).create();
        awaitSubscribed();

        simulator().emitEvent(id);

        await().atMost(PATIENCE).until(() -> simulator().transfersFor(id).size() == 1);
        Transfer transfer = simulator().transfersFor(id).get(0);
        List<Map<String, Object>> history = transfer.history();
        assertThat(history).hasSize(51);
        assertThat(history.get(0)).containsEntry("author", "system").containsEntry("content", "[130 earlier messages left out]");
        assertThat(history.subList(1, 51).stream().map(m -> m.get("content")))
                .containsExactlyElementsOf(chat.messages().subList(130, 180).stream().map(m -> m.get("content")).toList());
        assertThat(transfer.preservedHistoryCount()).isEqualTo(50);
        // the whole history was still read (the decision and the summary count all of it)
        assertThat(((Number) contextOfBotTurns(id)).longValue()).isEqualTo(chat.messages().stream()
                .filter(m -> "bot".equals(m.get("author"))).count());
    }

    private Object contextOfBotTurns(String id) {
        return simulator().contextPatches().stream().filter(p -> p.interactionId().equals(id)).findFirst().orElseThrow()
                .attributes().get("bot_turns");
    }
}
