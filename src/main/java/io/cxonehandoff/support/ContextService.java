package io.cxonehandoff.support;

import org.apache.camel.CamelContext;

/**
 * A bean that is also a CamelContext service: started and stopped with the context, its JMX operations
 * exposed (Hawtio). Camel Main builds a YAML {@code beans:} entry twice (once when it pre-parses the route
 * files, once when it loads them); only the instance left bound in the registry becomes the service, so
 * Hawtio shows one of each.
 */
public abstract class ContextService extends ContextAwareBean {

    @Override
    public void setCamelContext(CamelContext camelContext) {
        if (getCamelContext() == camelContext) {
            return;
        }
        super.setCamelContext(camelContext);
        try {
            camelContext.addStartupListener((started, alreadyStarted) -> {
                boolean bound = started.getRegistry().findByType(getClass()).stream().anyMatch(b -> b == this);
                if (bound) {
                    started.addService(this, true, true);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register " + getClass().getSimpleName(), e);
        }
    }
}
