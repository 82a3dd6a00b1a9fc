package io.cxonehandoff.support;

import org.apache.camel.CamelContext;

/**
 * Registers a bean as a CamelContext service: started and stopped with the context, its JMX operations
 * exposed (Hawtio). Camel Main builds a YAML {@code beans:} entry twice (once when it pre-parses the route
 * files, once when it loads them); only the instance left bound in the registry becomes the service, so
 * Hawtio shows one of each.
 */
public final class ContextServices {

    private ContextServices() {
    }

    public static void register(CamelContext context, Object service) {
        try {
            context.addStartupListener((started, alreadyStarted) -> {
                boolean bound = started.getRegistry().findByType(service.getClass()).stream().anyMatch(b -> b == service);
                if (bound) {
                    started.addService(service, true, true);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register " + service.getClass().getSimpleName(), e);
        }
    }
}
