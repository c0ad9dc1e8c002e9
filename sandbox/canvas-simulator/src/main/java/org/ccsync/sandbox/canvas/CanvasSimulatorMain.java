package org.ccsync.sandbox.canvas;

import java.util.Map;

/**
 * Runs the simulator standalone, configured by CANVAS_SIM_PORT (8091), CANVAS_SIM_WEBHOOK_URL,
 * CANVAS_SIM_TOKEN and CANVAS_SIM_SIGN (true), and prints its base URL.
 */
public final class CanvasSimulatorMain {

    static final int DEFAULT_PORT = 8091;

    private CanvasSimulatorMain() {
    }

    public static void main(String[] args) {
        CanvasSimulator simulator = CanvasSimulator.start(configFrom(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "canvas-sim-shutdown"));
        System.out.println(simulator.baseUrl());
    }

    static CanvasSimulatorConfig configFrom(Map<String, String> env) {
        CanvasSimulatorConfig config = CanvasSimulatorConfig.defaults()
                .withPort(Integer.parseInt(env.getOrDefault("CANVAS_SIM_PORT", Integer.toString(DEFAULT_PORT)).trim()))
                .withWebhookUrl(blankToNull(env.get("CANVAS_SIM_WEBHOOK_URL")))
                .withSignEvents(!"false".equalsIgnoreCase(env.getOrDefault("CANVAS_SIM_SIGN", "true").trim()));
        String token = blankToNull(env.get("CANVAS_SIM_TOKEN"));
        return token == null ? config : config.withApiToken(token);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
