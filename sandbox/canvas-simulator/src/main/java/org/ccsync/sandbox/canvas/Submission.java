package org.ccsync.sandbox.canvas;

import java.time.Instant;

/**
 * One student's submission for one assignment; {@code score} already has {@code pointsDeducted} taken off
 * {@code enteredScore}, and {@code postedAt} is null while the grade is hidden.
 */
public record Submission(long id, long courseId, long assignmentId, long userId, Double score, String grade,
        Double enteredScore, boolean excused, boolean late, boolean missing, String latePolicyStatus,
        Double pointsDeducted, Instant gradedAt, Instant postedAt, Instant submittedAt, String workflowState,
        Instant updatedAt, Integer attempt, String submissionType, Long graderId) {

    public static final String GRADED = "graded";
    public static final String SUBMITTED = "submitted";
    public static final String UNSUBMITTED = "unsubmitted";

    static Submission unsubmitted(long id, long courseId, long assignmentId, long userId, Instant updatedAt) {
        return new Submission(id, courseId, assignmentId, userId, null, null, null, false, false, false, null,
                null, null, null, null, UNSUBMITTED, updatedAt, null, null, null);
    }

    public boolean posted() {
        return postedAt != null;
    }
}
