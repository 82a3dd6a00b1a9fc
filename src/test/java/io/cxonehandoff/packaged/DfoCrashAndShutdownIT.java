package io.cxonehandoff.packaged;

import java.util.List;
import java.util.UUID;

import io.cxonehandoff.simulator.SimulatorSettings;

/**
 * {@link CrashAndShutdownIT} with the jar in the dfo profile ({@code CXONE_API_PROFILE=dfo}: the environment that
 * {@code EmbeddedTenant.connectionEnvironment} gives for a dfo simulator). The case exists before the jar starts:
 * the reconciliation after its connect begins the handoff, and after the kill the next one finishes it.
 */
class DfoCrashAndShutdownIT extends CrashAndShutdownIT {

    private final String keySecret = "it-key-" + UUID.randomUUID();

    @Override
    protected SimulatorSettings settings() {
        return super.settings().profile(SimulatorSettings.DFO).accessKeySecret(keySecret);
    }

    @Override
    protected List<String> secrets() {
        return List.of(super.secrets().get(0), keySecret);
    }
}
