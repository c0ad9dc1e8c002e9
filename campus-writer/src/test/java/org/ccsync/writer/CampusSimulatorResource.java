package org.ccsync.writer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;
import org.ccsync.sandbox.campus.DemoCampus;

/**
 * Two districts on the project's IC simulator (each seeded with the demo district's classes, categories and grading
 * periods), plus short circuit and lock timings so the tests run in seconds.
 */
public class CampusSimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The district that stays healthy. */
    public static final String SIMA = "sima";
    /** The district the tests break; its key hashes to the same campus-writes partition as {@link #SIMA}. */
    public static final String SIMB = "simb";
    /**
     * A district that is not provisioned from IC: identity through IC rostering (Canvas sections carry class codes,
     * students their identifier, userIds or legacy id), a separate Roster client, scopes required, batch writes on and
     * a serial lane.
     */
    public static final String SIMC = "simc";
    /** A district on {@link #SIMA}'s simulator where Canvas wins over IC-side categories and 2 deletes are held. */
    public static final String SIMD = "simd";
    /** A district of its own simulator, for the verification benchmark; drift is reported only. */
    public static final String SIME = "sime";
    public static final String SIMC_ROSTER_CLIENT = "simc-roster";
    public static final String SIMC_ROSTER_SECRET = "simc-roster-secret";
    /** The class code of Biology 1 - P1 in simc's IC, which simc's Canvas uses as the section's SIS id. */
    public static final String SIMC_BIO_CODE = "BIO1-P1-CODE";
    public static final String SIMC_ALG_CODE = "ALG1-P3-CODE";
    /** A lineItem or result write costs this long at the simulated IC. */
    public static final long LATENCY_MILLIS = 40;

    private static CampusSimulator sima;
    private static CampusSimulator simb;
    private static CampusSimulator simc;
    private static CampusSimulator sime;

    public static CampusSimulator sim(String tenant) {
        return SIMA.equals(tenant) ? sima : SIMC.equals(tenant) ? simc : SIME.equals(tenant) ? sime : simb;
    }

    /** simc's IC as its tests expect it, also after a reset. */
    public static void seedSimc() {
        simc.control().setRosteringClient(SIMC_ROSTER_CLIENT, SIMC_ROSTER_SECRET);
        simc.control().setRequireScopes(true);
        simc.control().setClassCode(DemoCampus.BIO1_P1, SIMC_BIO_CODE);
        simc.control().setClassCode(DemoCampus.ALG1_P3, SIMC_ALG_CODE);
        simc.control().setStudentIds("STU-5001", "100501", null);
        simc.control().setStudentIds("STU-5002", null, "s-5002-v11");
        simc.control().setStudentIds("STU-5003", null, null, "CANVAS-5003");
        for (int i = 1; i <= 10; i++) {
            simc.control().enroll(DemoCampus.BIO1_P1, "STU-60" + (i < 10 ? "0" : "") + i);
            simc.control().setStudentIds("STU-60" + (i < 10 ? "0" : "") + i, "1060" + (i < 10 ? "0" : "") + i, null);
        }
    }

    @Override
    public Map<String, String> start() {
        sima = start(SIMA);
        simb = start(SIMB);
        simc = start(SIMC);
        sime = start(SIME);
        seedSimc();
        Map<String, String> config = new HashMap<>();
        for (String tenant : new String[] {SIMA, SIMB, SIMC, SIME}) {
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
        String simcPrefix = "ccsync.districts." + SIMC + ".";
        config.put(simcPrefix + "identity-strategy", "ic-rostering");
        config.put(simcPrefix + "rostering-client-id", SIMC_ROSTER_CLIENT);
        config.put(simcPrefix + "rostering-client-secret", SIMC_ROSTER_SECRET);
        config.put(simcPrefix + "batch-results", "true");
        config.put(simcPrefix + "max-concurrent-peak", "1");
        config.put(simcPrefix + "max-concurrent-off-peak", "1");
        String simdPrefix = "ccsync.districts." + SIMD + ".";
        String simaPrefix = "ccsync.districts." + SIMA + ".";
        for (String key : new String[] {"campus-base-url", "app-name", "client-id", "client-secret", "vendor-key",
            "vendor-secret", "retry-max-attempts"}) {
            config.put(simdPrefix + key, config.get(simaPrefix + key));
        }
        config.put(simdPrefix + "ic-side-changes", "canvas-wins");
        config.put(simdPrefix + "hold-line-item-deletes", "2");
        config.put("ccsync.districts." + SIME + ".drift-mode", "report-only");
        config.put("ccsync.drift.delete-burst-quiet", "500ms");
        config.put("ccsync.drift.settle", "300ms");
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
        if (simc != null) {
            simc.close();
        }
        if (sime != null) {
            sime.close();
        }
    }
}
