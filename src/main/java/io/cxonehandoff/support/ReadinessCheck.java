package io.cxonehandoff.support;

import org.apache.camel.impl.health.AbstractHealthCheck;

/** A readiness check of the integration's own (group {@code cxone} in {@code /observe/health}); never liveness. */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    protected ReadinessCheck(String id) {
        super("cxone", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
