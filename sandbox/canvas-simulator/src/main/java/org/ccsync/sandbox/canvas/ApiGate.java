package org.ccsync.sandbox.canvas;

/** Guards the REST API: the bearer token (revocable) and the leaky-bucket charge, with request statistics. */
final class ApiGate {

    /** The outcome of charging one request. */
    record Charge(boolean allowed, double cost, double remaining) {
    }

    private final String token;
    private final LeakyBucket bucket;
    private final RequestStats stats = new RequestStats();
    private volatile boolean revoked;

    ApiGate(String token, LeakyBucket bucket) {
        this.token = token;
        this.bucket = bucket;
    }

    /** True for {@code Bearer <token>} (or an {@code access_token} query value) while not revoked. */
    boolean authorized(String authorizationHeader, String accessTokenParam) {
        if (revoked) {
            return false;
        }
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return token.equals(authorizationHeader.substring(7).trim());
        }
        return token.equals(accessTokenParam);
    }

    Charge charge(String endpoint, double cost) {
        boolean allowed = bucket.tryAdd(cost);
        stats.record(endpoint, allowed ? cost : 0, !allowed);
        return new Charge(allowed, allowed ? cost : 0, bucket.remaining());
    }

    double remaining() {
        return bucket.remaining();
    }

    void revoke() {
        revoked = true;
    }

    void restore() {
        revoked = false;
    }

    LeakyBucket bucket() {
        return bucket;
    }

    CanvasStats stats() {
        return stats.snapshot(bucket.maxLevel(), bucket.level());
    }

    void reset() {
        revoked = false;
        bucket.reset();
        stats.reset();
    }
}
