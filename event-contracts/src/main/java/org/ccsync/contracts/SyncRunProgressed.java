package org.ccsync.contracts;

import java.time.Instant;

/**
 * A full reconciliation run of a course moved to a new stage.
 *
 * @param stage {@code REQUESTED}, {@code READING_CANVAS}, {@code PUBLISHED} or {@code FAILED}
 * @param assignments the number of assignment snapshots published so far
 * @param scores the number of score snapshots published so far
 * @param message a human sentence, with the error when the run failed
 */
public record SyncRunProgressed(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        String runId,
        SyncTrigger trigger,
        String requestedBy,
        String stage,
        int assignments,
        int scores,
        String message) implements SyncOutcome {
}
