package org.ccsync.sandbox.campus;

/**
 * Mutable settings: latency, concurrency cap, the optional Retry-After value, and how this IC differs from another
 * (grading period end dates included, scopes required, a separate Roster client).
 */
final class CampusSettings {

    private volatile long latencyMillis;
    private volatile int maxConcurrent;
    private volatile Integer retryAfterSeconds;
    static final long DEFAULT_TIMEOUT_HOLD_MILLIS = 60_000;

    private volatile long timeoutHoldMillis = DEFAULT_TIMEOUT_HOLD_MILLIS;
    private volatile boolean gradingPeriodEndInclusive;
    private volatile boolean requireScopes;
    private volatile String rosteringClientId;
    private volatile String rosteringClientSecret;

    CampusSettings(long latencyMillis, int maxConcurrent) {
        setLatencyMillis(latencyMillis);
        setMaxConcurrent(maxConcurrent);
    }

    long latencyMillis() {
        return latencyMillis;
    }

    void setLatencyMillis(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0 but was " + value);
        }
        latencyMillis = value;
    }

    int maxConcurrent() {
        return maxConcurrent;
    }

    void setMaxConcurrent(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 0 but was " + value);
        }
        maxConcurrent = value;
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** How long a request chosen by timeoutNext is held before the simulator closes its connection. */
    long timeoutHoldMillis() {
        return timeoutHoldMillis;
    }

    void setTimeoutHoldMillis(long value) {
        if (value <= 0 || value > DEFAULT_TIMEOUT_HOLD_MILLIS) {
            throw new IllegalArgumentException("timeoutHoldMillis must be within 1..60000 but was " + value);
        }
        timeoutHoldMillis = value;
    }

    void setRetryAfterSeconds(Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0 but was " + value);
        }
        retryAfterSeconds = value;
    }

    /** Whether a grading period includes its end date (OneRoster 1.2 excludes it; some providers include it). */
    boolean gradingPeriodEndInclusive() {
        return gradingPeriodEndInclusive;
    }

    void setGradingPeriodEndInclusive(boolean value) {
        gradingPeriodEndInclusive = value;
    }

    /** Whether a token request must name its scopes. */
    boolean requireScopes() {
        return requireScopes;
    }

    void setRequireScopes(boolean value) {
        requireScopes = value;
    }

    /** The separate Roster client, or null when rostering takes the Grade Book Sync client's tokens. */
    String rosteringClientId() {
        return rosteringClientId;
    }

    String rosteringClientSecret() {
        return rosteringClientSecret;
    }

    synchronized void setRosteringClient(String clientId, String clientSecret) {
        rosteringClientId = clientId;
        rosteringClientSecret = clientSecret;
    }
}
