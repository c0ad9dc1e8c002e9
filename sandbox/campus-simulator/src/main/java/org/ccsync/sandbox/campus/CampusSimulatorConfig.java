package org.ccsync.sandbox.campus;

import java.util.Objects;

/**
 * Settings of one simulated Infinite Campus district: listening port, OAuth2 and vendor credentials, load rules and seeding.
 *
 * @param port            TCP port to listen on, 0 picks a free port
 * @param district        district (tenant) name, informational
 * @param appName         value of the {@code appName} query parameter the token endpoint expects
 * @param clientId        OAuth2 client id
 * @param clientSecret    OAuth2 client secret
 * @param vendorKey       first half of the {@code x-vendor-authorization} header
 * @param vendorSecret    second half of the {@code x-vendor-authorization} header
 * @param tokenTtlSeconds lifetime of issued access tokens
 * @param maxConcurrent   gradebook requests admitted in flight at once; more are answered 429
 * @param latencyMillis   delay added to every admitted gradebook request
 * @param seedDemo        whether to seed the demo district of {@link DemoCampus}
 */
public record CampusSimulatorConfig(
        int port,
        String district,
        String appName,
        String clientId,
        String clientSecret,
        String vendorKey,
        String vendorSecret,
        int tokenTtlSeconds,
        int maxConcurrent,
        long latencyMillis,
        boolean seedDemo) {

    /** Validates every field. */
    public CampusSimulatorConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        requireText(district, "district");
        requireText(appName, "appName");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(vendorKey, "vendorKey");
        requireText(vendorSecret, "vendorSecret");
        if (tokenTtlSeconds <= 0) {
            throw new IllegalArgumentException("tokenTtlSeconds must be > 0 but was " + tokenTtlSeconds);
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 0 but was " + maxConcurrent);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0 but was " + latencyMillis);
        }
    }

    /** The demo district on a random port: 5 concurrent requests, 20 ms latency, one-hour tokens, demo data seeded. */
    public static CampusSimulatorConfig defaults() {
        return new CampusSimulatorConfig(0, "demo", "demo", "demo-client", "demo-secret",
                "demo-vendor", "demo-vendor-secret", 3600, 5, 20, true);
    }

    /** The value a client must send in {@code x-vendor-authorization}. */
    public String vendorAuthorization() {
        return vendorKey + ":" + vendorSecret;
    }

    public CampusSimulatorConfig withPort(int value) {
        return new CampusSimulatorConfig(value, district, appName, clientId, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withDistrict(String value) {
        return new CampusSimulatorConfig(port, value, appName, clientId, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withAppName(String value) {
        return new CampusSimulatorConfig(port, district, value, clientId, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withClientId(String value) {
        return new CampusSimulatorConfig(port, district, appName, value, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withClientSecret(String value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, value, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withVendorKey(String value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, clientSecret, value, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withVendorSecret(String value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, clientSecret, vendorKey, value,
                tokenTtlSeconds, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withTokenTtlSeconds(int value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, clientSecret, vendorKey, vendorSecret,
                value, maxConcurrent, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withMaxConcurrent(int value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, value, latencyMillis, seedDemo);
    }

    public CampusSimulatorConfig withLatencyMillis(long value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, value, seedDemo);
    }

    public CampusSimulatorConfig withSeedDemo(boolean value) {
        return new CampusSimulatorConfig(port, district, appName, clientId, clientSecret, vendorKey, vendorSecret,
                tokenTtlSeconds, maxConcurrent, latencyMillis, value);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
