package org.ccsync.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.CanvasSimulatorConfig;

/**
 * Starts the project's Canvas simulator (the seeded demo district, throttling and signed Live Events) and
 * configures it as district {@code demo}; test fields annotated {@link InjectCanvasSimulator} receive it.
 */
public class CanvasSimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String TENANT = "demo";

    private CanvasSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = CanvasSimulator.start(CanvasSimulatorConfig.defaults().withTenant(TENANT));
        return Map.of(
                "ccsync.districts.demo.canvas-base-url", simulator.baseUrl(),
                "ccsync.districts.demo.canvas-token", simulator.config().apiToken(),
                "ccsync.districts.demo.jwks-url", simulator.jwksUrl(),
                "ccsync.districts.demo.account-id", "1",
                // Production coalescing for the burst benchmark: a trigger waits until it is 2 s old.
                "ccsync.triggers.coalesce-window", "PT2S",
                // Pages smaller than a course's submissions, so that Canvas's bookmark pagination is followed.
                "ccsync.canvas.per-page", "25");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectCanvasSimulator.class, CanvasSimulator.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
