package org.ccsync.contracts;

import java.time.Instant;

/**
 * An item was not synced on purpose.
 *
 * @param reasonCode a stable machine-readable code, for example {@code post_to_sis_off}
 * @param reason the human sentence an admin reads
 */
public record ItemSkipped(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        ItemRef item,
        String reasonCode,
        String reason) implements SyncOutcome {
}
