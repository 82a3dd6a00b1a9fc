package io.cxonehandoff;

import io.cxonehandoff.simulator.CxoneSimulator;
import io.cxonehandoff.simulator.SimulatorSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded CXone simulator per test class, on 127.0.0.1 and a free port. It starts before the test
 * instance exists (the Camel test support reads its URLs in its constructor) and stops after every
 * Camel context of the class has stopped. Faults are reset before each test.
 */
public final class SimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private CxoneSimulator simulator;

    @Override
    public void beforeAll(ExtensionContext context) {
        SimulatorSettings settings = new SimulatorSettings().clientSecret("test-secret-" + System.nanoTime());
        if (context.getTestClass().map(c -> c.isAnnotationPresent(DfoProfile.class)).orElse(false)) {
            settings.profile(SimulatorSettings.DFO).accessKeySecret("test-key-secret-" + System.nanoTime());
        }
        simulator = new CxoneSimulator(settings).start();
    }

    /** Each test starts with a healthy tenant, whatever faults the previous one left on. */
    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.resetFaults();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.stop();
            simulator = null;
        }
    }

    public CxoneSimulator simulator() {
        return simulator;
    }
}
