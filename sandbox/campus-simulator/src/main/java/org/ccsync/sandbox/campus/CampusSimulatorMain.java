package org.ccsync.sandbox.campus;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs one simulator standalone, configured from CAMPUS_SIM_* environment variables, until the JVM is stopped. */
public final class CampusSimulatorMain {

    static final int DEFAULT_PORT = 8092;

    private CampusSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CampusSimulator simulator = CampusSimulator.start(configFrom(System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "campus-simulator-shutdown"));
        System.out.println("Campus simulator (district " + simulator.config().district() + ") listening on "
                + simulator.baseUrl());
        System.out.println("  token:     " + simulator.tokenUrl());
        System.out.println("  gradebook: " + simulator.gradebookUrl());
        System.out.println("  rostering: " + simulator.rosteringUrl());
        stopped.await();
    }

    /**
     * Builds the config from CAMPUS_SIM_PORT (default 8092), CAMPUS_SIM_DISTRICT, CAMPUS_SIM_APP_NAME,
     * CAMPUS_SIM_CLIENT_ID, CAMPUS_SIM_CLIENT_SECRET, CAMPUS_SIM_VENDOR_KEY, CAMPUS_SIM_VENDOR_SECRET,
     * CAMPUS_SIM_TOKEN_TTL_SECONDS, CAMPUS_SIM_MAX_CONCURRENT, CAMPUS_SIM_LATENCY_MS and CAMPUS_SIM_SEED_DEMO;
     * anything unset keeps {@link CampusSimulatorConfig#defaults()}.
     */
    public static CampusSimulatorConfig configFrom(Map<String, String> env) {
        CampusSimulatorConfig d = CampusSimulatorConfig.defaults();
        return new CampusSimulatorConfig(
                Integer.parseInt(env.getOrDefault("CAMPUS_SIM_PORT", Integer.toString(DEFAULT_PORT))),
                env.getOrDefault("CAMPUS_SIM_DISTRICT", d.district()),
                env.getOrDefault("CAMPUS_SIM_APP_NAME", d.appName()),
                env.getOrDefault("CAMPUS_SIM_CLIENT_ID", d.clientId()),
                env.getOrDefault("CAMPUS_SIM_CLIENT_SECRET", d.clientSecret()),
                env.getOrDefault("CAMPUS_SIM_VENDOR_KEY", d.vendorKey()),
                env.getOrDefault("CAMPUS_SIM_VENDOR_SECRET", d.vendorSecret()),
                Integer.parseInt(env.getOrDefault("CAMPUS_SIM_TOKEN_TTL_SECONDS", Integer.toString(d.tokenTtlSeconds()))),
                Integer.parseInt(env.getOrDefault("CAMPUS_SIM_MAX_CONCURRENT", Integer.toString(d.maxConcurrent()))),
                Long.parseLong(env.getOrDefault("CAMPUS_SIM_LATENCY_MS", Long.toString(d.latencyMillis()))),
                Boolean.parseBoolean(env.getOrDefault("CAMPUS_SIM_SEED_DEMO", Boolean.toString(d.seedDemo()))));
    }
}
