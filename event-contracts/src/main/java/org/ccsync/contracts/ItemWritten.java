package org.ccsync.contracts;

import java.time.Instant;

/**
 * An item reached Infinite Campus, was already there unchanged, or was removed from it.
 *
 * @param action {@code UPSERTED}, {@code UNCHANGED}, or {@code DELETED}: the item is no longer in IC. A deleted
 *     lineItem takes every result under it along (IC deletes them with it), so those results are no longer in IC
 *     either until each is written again.
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
