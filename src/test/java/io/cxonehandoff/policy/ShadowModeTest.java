package io.cxonehandoff.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxonehandoff.HandoffTestSupport;
import io.cxonehandoff.simulator.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** handoff.mode=shadow: the same decisions, nothing written to CXone, every would-be handoff counted and filed. */
class ShadowModeTest extends HandoffTestSupport {

    @Override
    protected Properties testProperties() {
        return properties(CATCH_UP_OFF, "handoff.mode", "shadow");
    }

    @Test
    void inShadowModeNothingIsWrittenAndEveryWouldBeHandoffIsCountedAndFiled() throws Exception {
        awaitSubscribed();
        simulator().chat("shadow-low").confidence(0.1).messages(3).create();
        simulator().chat("shadow-asked").confidence(0.9).userRequestedTransfer(true).messages(3).create();
        simulator().chat("shadow-fine").confidence(0.9).messages(3).create();
        long writesBefore = writes();

        List.of("shadow-low", "shadow-asked", "shadow-fine", "shadow-low").forEach(simulator()::emitEvent);

        Path decisions = dataDir().resolve("shadow-decisions.jsonl");
        await().atMost(PATIENCE).until(() -> Files.exists(decisions) && Files.readAllLines(decisions).size() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> writes() == writesBefore);
        List<Map<String, Object>> lines = Files.readAllLines(decisions).stream().map(ShadowModeTest::json).toList();
        assertThat(lines).extracting(l -> l.get("interactionId")).containsExactlyInAnyOrder("shadow-low", "shadow-asked");
        assertThat(lines).allSatisfy(l -> assertThat(l.keySet()).containsExactly("interactionId", "at", "rule", "reason", "queue", "score"));
        assertThat(counter("cxone.shadow.handoffs", "rule", "low-confidence", "reason", "low_confidence")).isEqualTo(1);
        assertThat(counter("cxone.shadow.handoffs", "rule", "customer-asked", "reason", "customer_request")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = template.requestBody("direct:shadow-report", null, Map.class);
        assertThat(report.get("wouldBeHandoffs")).isEqualTo(2L);
        @SuppressWarnings("unchecked")
        Map<String, Object> byRule = (Map<String, Object>) report.get("byRule");
        assertThat(byRule).containsEntry("low-confidence", 1L).containsEntry("customer-asked", 1L);
        assertThat((Long) report.get("chatsSeen")).isGreaterThanOrEqualTo(3L);
    }

    private long writes() {
        return simulator().requests().stream()
                .filter(r -> r.operation() == Operation.PATCH_CONTEXT || r.operation() == Operation.TRANSFER).count();
    }

    private static Map<String, Object> json(String line) {
        try {
            return new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
