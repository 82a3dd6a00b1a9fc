package io.cxonehandoff.support;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped log4j2 configuration writes every event as one line: CR, LF, ESC and the other control
 * characters a CXone id or error may carry are escaped, so nobody can forge a handoff line or colour a
 * terminal through the log.
 */
class LogLineEncodingTest {

    private static final Logger LOG = LoggerFactory.getLogger("handoff");
    private static final String FORGED = "Handoff interaction=forged reason=low_confidence history=1 outcome=transferred duration_ms=1";

    @Test
    void aMessageWithLineBreaksAndEscapeSequencesStaysOneEscapedLine() {
        String id = "chat-1\r\n12:00:00.000 INFO  [main] handoff - " + FORGED + "\u001b[31m red \u001b[0m";

        String line = renderedOnce(() -> LOG.info("Interaction {}: handoff failed", id));

        assertOneLine(line);
        assertThat(line).contains(" - Interaction chat-1\\r\\n12:00:00.000 INFO  [main] handoff - " + FORGED
                                  + "\\u001B[31m red \\u001B[0m: handoff failed");
    }

    @Test
    void anExceptionAndItsStackTraceAreOnTheSameEscapedLine() {
        Exception error = new IllegalStateException("bad id chat-2\n" + FORGED + "\u001b[2J", new RuntimeException("cause\r\nline"));

        String line = renderedOnce(() -> LOG.error("Interaction chat-2: handoff failed", error));

        assertOneLine(line);
        assertThat(line).contains("Interaction chat-2: handoff failed java.lang.IllegalStateException: bad id chat-2\\n" + FORGED + "\\u001B[2J")
                .contains("\\n\\tat io.cxonehandoff.support.LogLineEncodingTest")
                .contains("Caused by: java.lang.RuntimeException: cause\\r\\nline");
    }

    @Test
    void otherControlsAndUnicodeLineSeparatorsCannotBreakTheLineEither() {
        String line = renderedOnce(() -> LOG.warn("a\u0000b\u0007c\u007fd\u0085e\u009bf\u2028g\u2029h\u202ei"));

        assertOneLine(line);
        assertThat(line).contains(" - a\\u0000b\\u0007c\\u007Fd\\u0085e\\u009Bf?g?h?i");
    }

    @Test
    void anOrdinaryLineIsWrittenAsItIs() {
        String message = "Handoff interaction=chat-3 reason=low_confidence history=30 outcome=transferred duration_ms=812 "
                         + "(said \"agent please\", été ✓)";

        String line = renderedOnce(() -> LOG.info(message));

        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] handoff - \\Q" + message + "\\E" + System.lineSeparator());
    }

    private static void assertOneLine(String line) {
        assertThat(line).endsWith(System.lineSeparator());
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\r", "\n", "\u001b", "\u0000", "\u0085", "\u2028", "\u2029");
        assertThat(body.chars().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).as("control characters").isEmpty();
    }

    private static String renderedOnce(Runnable logging) {
        try (CapturedLog log = new CapturedLog()) {
            logging.run();
            List<String> rendered = log.rendered();
            assertThat(rendered).hasSize(1);
            return rendered.get(0);
        }
    }
}
