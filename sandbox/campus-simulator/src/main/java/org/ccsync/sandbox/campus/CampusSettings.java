package org.ccsync.sandbox.campus;

/** Mutable load settings: latency, concurrency cap and the optional Retry-After value. */
final class CampusSettings {

    private volatile long latencyMillis;
    private volatile int maxConcurrent;
    private volatile Integer retryAfterSeconds;
    static final long DEFAULT_TIMEOUT_HOLD_MILLIS = 60_000;

    private volatile long timeoutHoldMillis = DEFAULT_TIMEOUT_HOLD_MILLIS;

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
}
