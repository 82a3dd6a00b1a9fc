package io.cxonehandoff.store;

import org.apache.camel.spi.IdempotentRepository;

/**
 * Builds the {@code handoffRepository} bean (its YAML {@code builderClass}): the record {@link SharedStateFactory}
 * chooses, PostgreSQL when a JDBC URL is set, else the file. The bean is that record itself, so every call of the
 * {@code idempotentConsumer} (with or without the exchange) reaches it as it is; the consumer starts and stops it.
 * A builder, because a YAML {@code factoryBean} calls static methods only.
 */
public class HandoffRecordBuilder {

    private SharedStateFactory state;

    public IdempotentRepository build() {
        if (state == null) {
            throw new IllegalStateException("handoffRepository needs the shared state (property state)");
        }
        return state.handoffRepository();
    }

    public void setState(SharedStateFactory state) {
        this.state = state;
    }
}
