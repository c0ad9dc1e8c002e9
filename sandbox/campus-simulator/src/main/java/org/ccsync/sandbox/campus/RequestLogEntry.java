package org.ccsync.sandbox.campus;

import java.time.Duration;
import java.time.Instant;

/**
 * One request the simulator answered (or dropped) on its OneRoster or token endpoints.
 *
 * @param method   HTTP method
 * @param path     request path without query string
 * @param status   HTTP status sent, or 0 when the connection closed before any answer
 * @param start    when the request arrived
 * @param end      when the answer started (or the connection closed)
 * @param duration time between start and end
 * @param body     request body as text, or null when there was none
 * @param traceparent the W3C {@code traceparent} header the caller sent, or null when it sent none
 */
public record RequestLogEntry(
        String method,
        String path,
        int status,
        Instant start,
        Instant end,
        Duration duration,
        String body,
        String traceparent) {
}
