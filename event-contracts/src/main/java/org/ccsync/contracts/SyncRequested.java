package org.ccsync.contracts;

import java.time.Instant;

/**
 * A full reconciliation of one course was asked for.
 *
 * @param runId the id the requester follows the run by
 * @param requestedBy who asked: a user name, or {@code scheduler}
 * @param sourceVersion the request time in epoch milliseconds
 */
public record SyncRequested(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        String runId,
        SyncTrigger trigger,
        String requestedBy) implements SyncRequest {
}
