package io.cxonehandoff.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allowed origins put into the Jolokia policy: the console's own by default, validated when configured. */
class JolokiaPolicyTest {

    @Test
    void byDefaultTheConsolesOwnOriginAsABrowserNamesIt() {
        assertThat(JolokiaPolicy.origins("", "http", "127.0.0.1", 8081))
                .containsExactly("http://127.0.0.1:8081", "http://localhost:8081");
        assertThat(JolokiaPolicy.origins(null, "http", "0.0.0.0", 8081)).as("container: wildcard address")
                .containsExactly("http://127.0.0.1:8081", "http://localhost:8081");
        assertThat(JolokiaPolicy.origins(null, "http", "console.internal", 80)).as("default port left out")
                .containsExactly("http://console.internal");
    }

    @Test
    void configuredOriginsReplaceTheDefaultAndMustBeOrigins() {
        assertThat(JolokiaPolicy.origins(" https://console.example.com/, http://127.0.0.1:8081 ", "http", "127.0.0.1", 8081))
                .containsExactly("https://console.example.com", "http://127.0.0.1:8081");
        assertThatThrownBy(() -> JolokiaPolicy.origins("https://x.example/path", "http", "127.0.0.1", 8081))
                .as("a path is not an origin").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JolokiaPolicy.origins("http://x</allow-origin><allow-origin>*", "http", "127.0.0.1", 8081))
                .as("no XML gets into the policy").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePolicyAllowsEachOriginAsOriginAndAsRefererAndChecksStrictly() {
        String policy = JolokiaPolicy.render(List.of("https://Console.Example.com"));
        assertThat(policy).contains("<allow-origin>https://console.example.com</allow-origin>",
                "<allow-origin>https://console.example.com/*</allow-origin>", "<strict-checking/>",
                "<method>post</method>").doesNotContain("<!--ALLOWED_ORIGINS-->");
    }
}
