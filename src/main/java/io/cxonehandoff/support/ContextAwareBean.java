package io.cxonehandoff.support;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A bean that Camel hands its context to (it looks up the registry or sends to routes). A service only if
 * it says so ({@link ContextService}): a plain bean in the registry is not started or stopped by Camel.
 */
public abstract class ContextAwareBean extends ServiceSupport implements CamelContextAware {

    private CamelContext camelContext;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
