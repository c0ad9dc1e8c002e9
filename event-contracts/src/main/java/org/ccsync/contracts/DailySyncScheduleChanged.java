package org.ccsync.contracts;

import java.time.Instant;

/**
 * A course's "scheduled daily sync" setting was turned on or off.
 *
 * @param sourceVersion the change time in epoch milliseconds; an older setting never wins
 */
public record DailySyncScheduleChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        boolean enabled,
        String changedBy) implements SyncRequest {
}
