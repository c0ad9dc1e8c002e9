package org.ccsync.contracts;

import java.time.Instant;

/**
 * The state of one submission's score, re-read over REST.
 *
 * @param score points after any late deduction; null when excused or ungraded
 * @param postedAt null while the grade is hidden from the student
 * @param sourceVersion the later of {@code graded_at} and {@code posted_at}, in epoch milliseconds
 */
public record ScoreChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        String assignmentId,
        String userId,
        long sourceVersion,
        Double score,
        String grade,
        boolean excused,
        boolean late,
        boolean missing,
        String workflowState,
        Instant gradedAt,
        Instant postedAt) implements CanvasChange {
}
