package org.ccsync.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Writes of a course were held for a district admin, or a hold was released or discarded.
 *
 * @param status {@code HELD}, {@code RELEASED} (the writes were sent) or {@code DISCARDED} (IC stays as it is)
 * @param reasonCode why, e.g. {@code line_item_deletes}
 * @param writes what the held writes would do, one sentence each
 * @param decidedBy the admin who released or discarded it, null while held
 */
public record HoldChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        long holdId,
        String status,
        String reasonCode,
        String reason,
        List<String> writes,
        Instant heldAt,
        String decidedBy,
        Instant decidedAt) implements SyncOutcome {
}
