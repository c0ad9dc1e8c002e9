package org.ccsync.contracts;

import java.time.Instant;

/**
 * A Canvas Live Event accepted by the webhook, with ids normalised to local ids. It is a trigger only:
 * the state to sync is re-read over REST.
 *
 * @param eventName the Canvas event name, for example {@code grade_change}
 * @param assignmentId the local assignment id, when the event names one
 * @param userId the local user id, when the event names one
 * @param sourceVersion the event time in epoch milliseconds
 */
public record CanvasEventReceived(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        String eventName,
        ChangeScope scope,
        String assignmentId,
        String userId,
        long sourceVersion) {
}
