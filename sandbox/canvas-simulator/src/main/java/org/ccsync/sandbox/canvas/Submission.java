package org.ccsync.sandbox.canvas;

import java.time.Duration;
import java.time.Instant;

/**
 * One student's submission for one assignment; {@code score} already has {@code pointsDeducted} taken off
 * {@code enteredScore}, and {@code postedAt} is null while the grade is hidden.
 *
 * @param latePolicyStatus the teacher's manual status ({@code late}, {@code missing}, {@code none}), null when Canvas
 *     decides from the dates
 * @param cachedDueDate the student's effective due date (Canvas's {@code cached_due_date}), null when none
 * @param secondsLateOverride how late a submission the teacher marked late counts as, in seconds
 */
public record Submission(long id, long courseId, long assignmentId, long userId, Double score, String grade,
        Double enteredScore, boolean excused, boolean late, boolean missing, String latePolicyStatus,
        Double pointsDeducted, Instant gradedAt, Instant postedAt, Instant submittedAt, String workflowState,
        Instant updatedAt, Integer attempt, String submissionType, Long graderId, Instant cachedDueDate,
        Long secondsLateOverride) {

    public static final String GRADED = "graded";
    public static final String SUBMITTED = "submitted";
    public static final String UNSUBMITTED = "unsubmitted";
    public static final String PENDING_REVIEW = "pending_review";

    static Submission unsubmitted(long id, long courseId, long assignmentId, long userId, Instant updatedAt,
            Instant dueAt) {
        return new Submission(id, courseId, assignmentId, userId, null, null, null, false, false, false, null,
                null, null, null, null, UNSUBMITTED, updatedAt, null, null, null, dueAt, null);
    }

    public boolean posted() {
        return postedAt != null;
    }

    /**
     * Canvas's {@code missing?} at {@code now} ({@code Submission::Tardiness}), computed on every read rather than
     * stored: never when excused; not when a teacher graded it without a late/missing status; the manual status when
     * set; otherwise unsubmitted, past the effective due date, of an assignment that expects a submission. So a
     * past-due unsubmitted submission is missing without any {@code graded_at} (and usually without
     * {@code posted_at}), and no Live Event tells when it became so.
     */
    public boolean missingAt(Instant now, Assignment assignment) {
        if (excused) {
            return false;
        }
        if (graderId != null && latePolicyStatus == null) {
            return false;
        }
        if (latePolicyStatus != null) {
            return "missing".equals(latePolicyStatus);
        }
        if (submittedAt != null || cachedDueDate == null || !now.isAfter(cachedDueDate)) {
            return false;
        }
        return assignment != null && assignment.expectsSubmission();
    }

    /**
     * Canvas's {@code seconds_late}: the override of a submission marked late, else how long after the effective due
     * date it was submitted; 0 when not late.
     */
    public long secondsLate() {
        if ("late".equals(latePolicyStatus)) {
            return secondsLateOverride == null ? 0 : secondsLateOverride;
        }
        if (submittedAt == null || cachedDueDate == null) {
            return 0;
        }
        return Math.max(0, Duration.between(cachedDueDate, submittedAt).getSeconds());
    }

    /** Canvas's {@code late?}: never when excused; the manual status when set; else submitted after the due date. */
    static boolean inferLate(String latePolicyStatus, boolean excused, Instant submittedAt, Instant cachedDueDate) {
        if (excused) {
            return false;
        }
        if (latePolicyStatus != null) {
            return "late".equals(latePolicyStatus);
        }
        return submittedAt != null && cachedDueDate != null && submittedAt.isAfter(cachedDueDate);
    }

    Draft draft() {
        return new Draft(this);
    }

    /** A mutable copy to build the next state of a submission from. */
    static final class Draft {
        private final Submission from;
        Double score;
        String grade;
        Double enteredScore;
        boolean excused;
        boolean late;
        boolean missing;
        String latePolicyStatus;
        Double pointsDeducted;
        Instant gradedAt;
        Instant postedAt;
        Instant submittedAt;
        String workflowState;
        Instant updatedAt;
        Integer attempt;
        String submissionType;
        Long graderId;
        Instant cachedDueDate;
        Long secondsLateOverride;

        private Draft(Submission s) {
            from = s;
            score = s.score;
            grade = s.grade;
            enteredScore = s.enteredScore;
            excused = s.excused;
            late = s.late;
            missing = s.missing;
            latePolicyStatus = s.latePolicyStatus;
            pointsDeducted = s.pointsDeducted;
            gradedAt = s.gradedAt;
            postedAt = s.postedAt;
            submittedAt = s.submittedAt;
            workflowState = s.workflowState;
            updatedAt = s.updatedAt;
            attempt = s.attempt;
            submissionType = s.submissionType;
            graderId = s.graderId;
            cachedDueDate = s.cachedDueDate;
            secondsLateOverride = s.secondsLateOverride;
        }

        Submission build() {
            return new Submission(from.id, from.courseId, from.assignmentId, from.userId, score, grade, enteredScore,
                    excused, late, missing, latePolicyStatus, pointsDeducted, gradedAt, postedAt, submittedAt,
                    workflowState, updatedAt, attempt, submissionType, graderId, cachedDueDate, secondsLateOverride);
        }
    }
}
