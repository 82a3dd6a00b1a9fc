package io.cxonehandoff.handoff;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cxonehandoff.policy.HandoffEpisodes;
import io.cxonehandoff.policy.HandoffPolicy;
import io.cxonehandoff.policy.LoopGuard;
import io.cxonehandoff.policy.QueueRules;
import io.cxonehandoff.policy.ShadowDecisions;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The decision route ({@code routes/handoff-rules.camel.yaml}) alone in a Camel context, with the shipped
 * properties and the given overrides: no network, a few milliseconds a decision. The transcript the transcript
 * rules read is the test's ({@link #decide(Map, List)}), standing in for {@code direct:fetch-history}.
 */
final class DecisionRoute implements AutoCloseable {

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;
    final LoopGuard loopGuard = new LoopGuard();

    DecisionRoute(Properties overrides) throws Exception {
        context.getPropertiesComponent().setLocation("file:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        InteractionFacts facts = new InteractionFacts();
        context.getRegistry().bind("interactionFacts", facts);
        context.getRegistry().bind("handoffEpisodes", new HandoffEpisodes());
        context.getRegistry().bind("loopGuard", loopGuard);
        for (Object service : List.of(new ShadowDecisions(), new HandoffPolicy(), new QueueRules())) {
            ((org.apache.camel.CamelContextAware) service).setCamelContext(context);
            String name = Character.toLowerCase(service.getClass().getSimpleName().charAt(0)) + service.getClass().getSimpleName().substring(1);
            context.getRegistry().bind(name, service);
        }
        ((QueueRules) context.getRegistry().lookupByName("queueRules")).setDefaultQueue("default-queue");
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/handoff-rules.camel.yaml"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fetch-history").routeId("fetch-history-stand-in")
                        .process(exchange -> {
                            List<Map<String, Object>> transcript = exchange.getProperty("testTranscript", List.class);
                            exchange.setProperty(HistoryPages.HISTORY, transcript);
                            // as HistoryPages keeps them: each bot message's confidence, beside the transcript
                            exchange.setProperty(HistoryPages.BOT_CONFIDENCES, transcript == null ? null
                                    : transcript.stream().filter(m -> "bot".equals(m.get("author"))).map(m -> m.get("confidence"))
                                            .collect(java.util.stream.Collectors.toList()));
                        });
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    /** Decides on {@code interaction} (with {@code transcript} for the rules that read it). */
    Exchange decide(Map<String, Object> interaction, List<Map<String, Object>> transcript) {
        Exchange decided = template.request("direct:handoff-decision", exchange -> {
            exchange.setProperty("interactionId", String.valueOf(interaction.get("id")));
            exchange.setProperty("testTranscript", transcript);
            exchange.getMessage().setBody(interaction);
        });
        if (decided.getException() != null) {
            throw new AssertionError("the decision failed", decided.getException());
        }
        return decided;
    }

    @Override
    public void close() {
        context.stop();
    }
}
