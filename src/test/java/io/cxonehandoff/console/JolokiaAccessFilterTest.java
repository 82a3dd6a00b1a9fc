package io.cxonehandoff.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static io.cxonehandoff.console.ConsoleAccount.OPERATOR;
import static io.cxonehandoff.console.ConsoleAccount.VIEWER;
import static io.cxonehandoff.console.JolokiaAccessFilter.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** What each role may send to Jolokia (the MBeans themselves are the policy's: ConsoleIT). */
class JolokiaAccessFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theViewerReadsAndRunsOnlyReadOnlyOperations() throws Exception {
        assertThat(refusal(json("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}"), VIEWER)).isNull();
        assertThat(refusal(json("{\"type\":\"list\"}"), VIEWER)).isNull();
        assertThat(refusal(json("{\"type\":\"exec\",\"mbean\":\"m:x=y\",\"operation\":\"dumpRoutesAsXml()\"}"), VIEWER)).isNull();
        assertThat(refusal(json("{\"type\":\"exec\",\"mbean\":\"m:x=y\",\"operation\":\"list\"}"), VIEWER)).isNull();
        assertThat(refusal(json("{\"type\":\"exec\",\"mbean\":\"m:x=y\",\"operation\":\"stop()\"}"), VIEWER)).contains("stop()");
        assertThat(refusal(json("{\"type\":\"EXEC\",\"mbean\":\"m:x=y\",\"operation\":\"replayAll\"}"), VIEWER))
                .as("type in capitals (Jolokia accepts it)").isNotNull();
        assertThat(refusal(json("{\"type\":\"write\",\"mbean\":\"m:x=y\",\"attribute\":\"A\",\"value\":1}"), VIEWER)).isNotNull();
        assertThat(refusal(json("{\"type\":\"notification\",\"command\":\"register\"}"), VIEWER)).isNotNull();
    }

    @Test
    void theOperatorMaySendWhatThePolicyDecidesOnButNoProxyRequests() throws Exception {
        assertThat(refusal(json("{\"type\":\"exec\",\"mbean\":\"m:x=y\",\"operation\":\"stop()\"}"), OPERATOR)).isNull();
        assertThat(refusal(json("{\"type\":\"write\",\"mbean\":\"m:x=y\",\"attribute\":\"A\",\"value\":1}"), OPERATOR)).isNull();
        assertThat(refusal(json("{\"type\":\"read\",\"mbean\":\"m:x=y\",\"target\":{\"url\":\"service:jmx:rmi:///x\"}}"), OPERATOR))
                .contains("target");
        assertThat(refusal(json("{\"type\":\"notification\",\"command\":\"register\"}"), OPERATOR)).isNotNull();
        assertThat(refusal(json("\"read\""), OPERATOR)).as("not a request object").isNotNull();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
