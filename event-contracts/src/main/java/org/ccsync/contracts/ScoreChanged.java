package org.ccsync.contracts;

import java.time.Instant;

/**
 * The state of one submission's score, re-read over REST.
 *
 * @param score points after any late deduction; null when excused or ungraded
 * @param postedAt null while the grade is hidden from the student
 * @param sourceVersion the later of {@code graded_at} and {@code posted_at} in epoch milliseconds, or the time of the
 *     read when the submission has neither (a cleared score, Canvas's automatic "missing")
 * @param workflowState Canvas's submission state; {@code pending_review} while part of it (an essay question, a
 *     checkpoint) still waits for the teacher
 * @param pointsDeducted the late penalty already taken off {@code score}; Canvas recomputes it without moving
 *     {@code graded_at} when a due date or the late policy changes
 *
 * <p>The event id is derived from the content (score, grade, flags, state, deduction and the timestamps), so a change
 * of content is a new event even when Canvas's timestamps stay, and an unchanged re-read is the same event.
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
        Instant postedAt,
        Double pointsDeducted) implements CanvasChange {

    /** Canvas's state of a submission whose score still waits for a teacher's review. */
    public static final String PENDING_REVIEW = "pending_review";

    /** Whether the submission carries anything IC should hold: a score, an excuse or a missing flag. */
    public boolean hasGrade() {
        return score != null || excused || missing;
    }

    /** Whether part of the score still waits for the teacher's review. */
    public boolean pendingReview() {
        return PENDING_REVIEW.equals(workflowState);
    }
}
