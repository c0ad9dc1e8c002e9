package org.ccsync.status;

import java.time.Instant;

/** The latest outcome of one item (assignment, IC lineItem or IC result) of a course. */
public record ItemView(String kind, String assignmentId, String userId, String classSourcedId, String sourcedId,
        String title, String status, String reasonCode, String message, String category, String gradingPeriod,
        Double score, long sourceVersion, Instant occurredAt) {
}
