package org.ccsync.contracts;

import java.time.Instant;

/**
 * An item reached Infinite Campus, or was already there unchanged.
 *
 * @param action {@code UPSERTED}, {@code DELETED} or {@code UNCHANGED}
 * @param category the IC category title the lineItem was filed under
 * @param gradingPeriod the IC grading period sourcedId, when one was chosen
 * @param score the score written, for results
 * @param changedAt when the change happened in Canvas, the start of the end-to-end latency
 */
public record ItemWritten(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        ItemRef item,
        String action,
        String category,
        String gradingPeriod,
        Double score,
        Instant changedAt) implements SyncOutcome {
}
