package org.ccsync.writer.outbound.ic;

import java.time.Duration;
import java.util.Optional;

/** Why one write did not reach Infinite Campus: transient (retry, then DLQ) or rejected (report, never retry). */
public class WriteFailure extends RuntimeException {

    private final boolean transientFailure;
    private final String errorCode;
    private final int status;
    private final Duration retryAfter;

    private WriteFailure(boolean transientFailure, String errorCode, int status, String message, Duration retryAfter) {
        super(message);
        this.transientFailure = transientFailure;
        this.errorCode = errorCode;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** A failure worth retrying later: 429, 5xx, a timeout or a broken connection. */
    public static WriteFailure transientFailure(String errorCode, int status, String message, Duration retryAfter) {
        return new WriteFailure(true, errorCode, status, message, retryAfter);
    }

    /** A failure that the same request will hit again: validation, unknown object, bad credentials, mapping. */
    public static WriteFailure rejected(String errorCode, int status, String message) {
        return new WriteFailure(false, errorCode, status, message, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status IC answered, or 0 when no answer came or IC was not called. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same failure with context prepended, for example which grading period was missing. */
    public WriteFailure withDetail(String detail) {
        return new WriteFailure(transientFailure, errorCode, status, getMessage() + " " + detail, retryAfter);
    }
}
