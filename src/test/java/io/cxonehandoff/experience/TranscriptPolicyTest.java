package io.cxonehandoff.experience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptPolicyTest {

    private static List<Map<String, Object>> history(int count, String text) {
        return new ArrayList<>(IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("type", "text",
                "author", i % 2 == 0 ? "customer" : "bot", "content", text + i, "timestamp", "2026-11-23T10:00:" + (i % 60) + "Z"))
                .toList());
    }

    @Test
    void noCapSendsEverythingAsItWas() {
        List<Map<String, Object>> history = history(300, "hello ");
        TranscriptPolicy.Transcript transcript = new TranscriptPolicy().transcript(history);
        assertThat(transcript.messages()).isEqualTo(history);
        assertThat(transcript.kept()).isEqualTo(300);
        assertThat(transcript.omitted()).isZero();
    }

    @Test
    void aMessageCapKeepsTheNewestAfterAMarker() {
        TranscriptPolicy policy = new TranscriptPolicy();
        policy.setMaxMessages(10);
        List<Map<String, Object>> history = history(25, "m");
        TranscriptPolicy.Transcript transcript = policy.transcript(history);
        assertThat(transcript.messages()).hasSize(11);
        assertThat(transcript.messages().get(0)).containsEntry("author", "system")
                .containsEntry("content", "[15 earlier messages left out]").containsEntry("timestamp", history.get(15).get("timestamp"));
        assertThat(transcript.messages().subList(1, 11)).isEqualTo(history.subList(15, 25));
        assertThat(transcript.kept()).isEqualTo(10);
        assertThat(transcript.omitted()).isEqualTo(15);
    }

    @Test
    void aByteCapKeepsTheNewestThatFit() {
        TranscriptPolicy policy = new TranscriptPolicy();
        policy.setMaxBytes(25); // "abcd0".."abcd9" are 5 bytes each, "abcd10".. 6
        policy.setOmittedMarker("({count} more)");
        TranscriptPolicy.Transcript transcript = policy.transcript(history(12, "abcd"));
        // the newest: abcd11 (6) + abcd10 (6) + abcd9 (5) + abcd8 (5) = 22; abcd7 would make 27
        assertThat(transcript.messages()).extracting(m -> m.get("content"))
                .containsExactly("(8 more)", "abcd8", "abcd9", "abcd10", "abcd11");
    }

    @Test
    void aNewestMessageLargerThanTheByteCapGoesAloneAndCut() {
        TranscriptPolicy policy = new TranscriptPolicy();
        policy.setMaxBytes(20);
        List<Map<String, Object>> history = history(3, "x");
        history.add(Map.of("type", "text", "author", "customer", "content", "ü".repeat(100), "timestamp", "t"));
        TranscriptPolicy.Transcript transcript = policy.transcript(history);
        assertThat(transcript.messages()).hasSize(2);
        String cut = (String) transcript.messages().get(1).get("content");
        assertThat(cut).endsWith(" [...]").startsWith("üüüüüüü");
        assertThat(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(20);
        assertThat(transcript.omitted()).isEqualTo(3);
    }

    @Test
    void redactionComesFirstAndLeavesTheHistoryAsRead() {
        TranscriptPolicy policy = new TranscriptPolicy();
        List<Map<String, Object>> history = List.of(Map.of("type", "text", "author", "customer",
                "content", "card 4111 1111 1111 1111", "timestamp", "t"));
        assertThat(policy.apply(history).get(0)).containsEntry("content", "card [card number removed]");
        assertThat(history.get(0)).containsEntry("content", "card 4111 1111 1111 1111");
        policy.setRedactCards(false);
        assertThat(policy.apply(history).get(0)).containsEntry("content", "card 4111 1111 1111 1111");
    }

    @Test
    void noHistoryIsAnEmptyTranscript() {
        assertThat(new TranscriptPolicy().transcript(null).messages()).isEmpty();
    }
}
