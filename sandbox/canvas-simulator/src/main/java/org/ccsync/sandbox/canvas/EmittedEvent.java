package org.ccsync.sandbox.canvas;

/**
 * One Live Event the simulator emitted and how its webhook delivery went.
 *
 * @param sequence 1-based emission order since start or reset
 * @param json the event as delivered: {@code {"metadata":…,"body":…}}, or a Caliper envelope
 * @param payload the exact POST body: a compact JWS when signed, else the JSON
 * @param contentType {@code application/jwt} or {@code application/json}
 * @param webhookUrl the URL it was sent to, null when no webhook was set
 * @param status HTTP status of the last attempt, 0 when none or the connection failed
 * @param attempts delivery attempts made so far (at most 4)
 * @param response the body of the last answer (its first 4,000 characters), null when none
 */
public record EmittedEvent(long sequence, String eventName, long courseId, String json, String payload,
        String contentType, String webhookUrl, Delivery delivery, int status, int attempts, String response) {

    /** Where an event's delivery stands. */
    public enum Delivery {
        /** No webhook was set when the event was emitted. */
        NOT_SENT,
        /** Delivery is queued or retrying. */
        PENDING,
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Every attempt failed. */
        FAILED
    }
}
