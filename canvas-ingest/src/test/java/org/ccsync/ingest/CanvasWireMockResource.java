package org.ccsync.ingest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Plays Canvas (REST and the Live Events JWKS) with WireMock on a dynamic port, and configures two districts:
 * {@code signed} (signed events only) and {@code open} (unsigned events allowed).
 */
public class CanvasWireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNED = "signed";
    public static final String OPEN = "open";
    public static final String SIGNED_TOKEN = "token-signed-district";
    public static final String PORT_PROPERTY = "test.canvas.wiremock.port";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = server.baseUrl();
        return Map.of(
                "ccsync.districts.signed.canvas-base-url", base,
                "ccsync.districts.signed.canvas-token", SIGNED_TOKEN,
                "ccsync.districts.signed.jwks-url", base + "/jwks",
                "ccsync.districts.open.canvas-base-url", base,
                "ccsync.districts.open.canvas-token", "token-open-district",
                "ccsync.districts.open.jwks-url", base + "/jwks-open",
                "ccsync.districts.open.allow-unsigned", "true",
                PORT_PROPERTY, Integer.toString(server.port()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
