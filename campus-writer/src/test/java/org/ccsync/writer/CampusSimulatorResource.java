package org.ccsync.writer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;

/**
 * Two districts on the project's IC simulator (each seeded with the demo district's classes, categories and grading
 * periods), plus short circuit and lock timings so the tests run in seconds.
 */
public class CampusSimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The district that stays healthy. */
    public static final String SIMA = "sima";
    /** The district the tests break; its key hashes to the same campus-writes partition as {@link #SIMA}. */
    public static final String SIMB = "simb";
    /** A lineItem or result write costs this long at the simulated IC. */
    public static final long LATENCY_MILLIS = 40;

    private static CampusSimulator sima;
    private static CampusSimulator simb;

    public static CampusSimulator sim(String tenant) {
        return SIMA.equals(tenant) ? sima : simb;
    }

    @Override
    public Map<String, String> start() {
        sima = start(SIMA);
        simb = start(SIMB);
        Map<String, String> config = new HashMap<>();
        for (String tenant : new String[] {SIMA, SIMB}) {
            CampusSimulator sim = sim(tenant);
            String prefix = "ccsync.districts." + tenant + ".";
            config.put(prefix + "campus-base-url", sim.baseUrl());
            config.put(prefix + "app-name", sim.config().appName());
            config.put(prefix + "client-id", sim.config().clientId());
            config.put(prefix + "client-secret", sim.config().clientSecret());
            config.put(prefix + "vendor-key", sim.config().vendorKey());
            config.put(prefix + "vendor-secret", sim.config().vendorSecret());
            // More attempts than the circuit's threshold: an outage opens the circuit before a write gives up.
            config.put(prefix + "retry-max-attempts", "8");
        }
        config.put("ccsync.districts." + SIMA + ".credentials-expire-at", "2027-01-15");
        config.put("ccsync.circuit.failure-threshold", "4");
        config.put("ccsync.circuit.cool-down", "1s");
        config.put("ccsync.circuit.max-cool-down", "2s");
        config.put("ccsync.lanes.lock-retry-initial", "50ms");
        config.put("ccsync.lanes.lock-retry-max", "200ms");
        config.put("ccsync.lanes.lock-linger", "100ms");
        // Low enough that a burst pauses and resumes the district's partition for real.
        config.put("ccsync.lanes.queue-high-water", "20");
        return config;
    }

    private static CampusSimulator start(String tenant) {
        return CampusSimulator.start(CampusSimulatorConfig.defaults()
                .withDistrict(tenant)
                .withAppName(tenant + "-app")
                .withClientId(tenant + "-client")
                .withClientSecret(tenant + "-secret")
                .withVendorKey(tenant + "-vk")
                .withVendorSecret(tenant + "-vs")
                .withLatencyMillis(LATENCY_MILLIS)
                .withMaxConcurrent(5));
    }

    @Override
    public void stop() {
        if (sima != null) {
            sima.close();
        }
        if (simb != null) {
            simb.close();
        }
    }
}
