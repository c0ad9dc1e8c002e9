package org.ccsync.status.domain;

import java.time.Instant;

/**
 * The state of one item (assignment, IC lineItem or IC result) of a course: {@code status} is PENDING while a newer
 * write waits for IC, otherwise the last outcome's: WRITTEN (in IC now; {@code message} is the writer's action,
 * UPSERTED or UNCHANGED), SKIPPED or FAILED (with the reason), or REMOVED (written before, no longer in IC;
 * {@code message} says why when known, {@code reasonCode} is {@code line_item_deleted} for a result removed with
 * its lineItem). {@code writtenScore}/{@code writtenAt} keep the last write.
 */
public record ItemView(String kind, String assignmentId, String userId, String classSourcedId, String sourcedId,
        String title, String status, String lastOutcomeStatus, String reasonCode, String message, String category,
        String gradingPeriod, Double score, Double writtenScore, Instant writtenAt, Instant pendingSince,
        long sourceVersion, Instant occurredAt) {
}
