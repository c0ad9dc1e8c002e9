package org.ccsync.sandbox.canvas;

import java.util.Objects;

/**
 * Settings of one simulated Canvas instance; {@link #defaults()} gives the demo district on a random port.
 *
 * @param port TCP port to listen on, 0 for a random free port
 * @param tenant district id, used in the Live Event hostname and root account uuid
 * @param apiToken the only bearer token the REST API accepts
 * @param webhookUrl where Live Events are POSTed, or null for none
 * @param signEvents whether Live Events are sent as RS256 JWS (true) or raw JSON
 * @param bucketHighWater leaky bucket high-water mark (Canvas: 700)
 * @param drainPerSecond units the bucket drains per second (Canvas: 10)
 * @param requestCost base cost of one REST request; each returned item adds {@link #COST_PER_ITEM}
 * @param seedDemo whether to seed the demo district
 */
public record CanvasSimulatorConfig(int port, String tenant, String apiToken, String webhookUrl, boolean signEvents,
        double bucketHighWater, double drainPerSecond, double requestCost, boolean seedDemo) {

    /** Cost added per item a REST response returns. */
    public static final double COST_PER_ITEM = 0.01;

    public CanvasSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(apiToken, "apiToken");
        if (!(bucketHighWater > 0) || drainPerSecond < 0 || requestCost < 0) {
            throw new IllegalArgumentException("bucketHighWater must be > 0, drainPerSecond and requestCost >= 0");
        }
    }

    /** Port 0, tenant demo, token demo-canvas-token, no webhook, signing on, 700/10 bucket, cost 1.0, seeded. */
    public static CanvasSimulatorConfig defaults() {
        return new CanvasSimulatorConfig(0, "demo", "demo-canvas-token", null, true, 700, 10, 1.0, true);
    }

    public CanvasSimulatorConfig withPort(int value) {
        return new CanvasSimulatorConfig(value, tenant, apiToken, webhookUrl, signEvents, bucketHighWater,
                drainPerSecond, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withTenant(String value) {
        return new CanvasSimulatorConfig(port, value, apiToken, webhookUrl, signEvents, bucketHighWater,
                drainPerSecond, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withApiToken(String value) {
        return new CanvasSimulatorConfig(port, tenant, value, webhookUrl, signEvents, bucketHighWater,
                drainPerSecond, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withWebhookUrl(String value) {
        return new CanvasSimulatorConfig(port, tenant, apiToken, value, signEvents, bucketHighWater,
                drainPerSecond, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withSignEvents(boolean value) {
        return new CanvasSimulatorConfig(port, tenant, apiToken, webhookUrl, value, bucketHighWater,
                drainPerSecond, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withBucketHighWater(double value) {
        return new CanvasSimulatorConfig(port, tenant, apiToken, webhookUrl, signEvents, value,
                drainPerSecond, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withDrainPerSecond(double value) {
        return new CanvasSimulatorConfig(port, tenant, apiToken, webhookUrl, signEvents, bucketHighWater,
                value, requestCost, seedDemo);
    }

    public CanvasSimulatorConfig withRequestCost(double value) {
        return new CanvasSimulatorConfig(port, tenant, apiToken, webhookUrl, signEvents, bucketHighWater,
                drainPerSecond, value, seedDemo);
    }

    public CanvasSimulatorConfig withSeedDemo(boolean value) {
        return new CanvasSimulatorConfig(port, tenant, apiToken, webhookUrl, signEvents, bucketHighWater,
                drainPerSecond, requestCost, value);
    }
}
