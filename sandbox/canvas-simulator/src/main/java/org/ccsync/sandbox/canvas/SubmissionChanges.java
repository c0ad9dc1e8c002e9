package org.ccsync.sandbox.canvas;

import java.time.Instant;

/** Rules that turn a submission into its graded, missing-policy or posted successor. */
final class SubmissionChanges {

    private SubmissionChanges() {
    }

    /** Applies a teacher's grade change; entering a score un-excuses, an excuse clears score and grade. */
    static Submission grade(Submission s, Assignment a, GradeChange change, Instant gradedAt, long graderId) {
        boolean excused = s.excused();
        Double entered = s.enteredScore();
        if (Boolean.TRUE.equals(change.excused())) {
            excused = true;
        } else if (change.score() != null) {
            excused = false;
            entered = change.score();
        } else if (Boolean.FALSE.equals(change.excused())) {
            excused = false;
        }
        boolean late = change.late() != null ? change.late() : s.late();
        boolean missing = change.missing() != null ? change.missing() : s.missing();
        Double deducted = change.pointsDeducted() != null ? change.pointsDeducted() : late ? s.pointsDeducted() : null;
        Double score = null;
        if (excused) {
            entered = null;
            deducted = null;
        } else if (entered != null) {
            score = entered - (deducted == null ? 0 : deducted);
        }
        String policyStatus = missing ? "missing" : late ? "late"
                : change.late() != null || change.missing() != null ? "none" : s.latePolicyStatus();
        boolean post = change.posted() != null ? change.posted() : !a.postManually();
        Instant postedAt = post ? (s.postedAt() != null ? s.postedAt() : gradedAt) : null;
        return new Submission(s.id(), s.courseId(), s.assignmentId(), s.userId(), score, GradeFormat.grade(score, a),
                entered, excused, late, missing, policyStatus, deducted, gradedAt, postedAt, s.submittedAt(),
                Submission.GRADED, gradedAt, s.attempt(), s.submissionType(), graderId);
    }

    /** The missing-submission policy's automatic zero. */
    static Submission missingZero(Submission s, Assignment a, Instant gradedAt, long graderId) {
        return new Submission(s.id(), s.courseId(), s.assignmentId(), s.userId(), 0.0, GradeFormat.grade(0.0, a),
                0.0, false, false, true, "missing", null, gradedAt, a.postManually() ? null : gradedAt,
                s.submittedAt(), Submission.GRADED, gradedAt, s.attempt(), s.submissionType(), graderId);
    }

    /** Makes a hidden grade visible; graded_at is left alone. */
    static Submission post(Submission s, Instant postedAt) {
        return new Submission(s.id(), s.courseId(), s.assignmentId(), s.userId(), s.score(), s.grade(),
                s.enteredScore(), s.excused(), s.late(), s.missing(), s.latePolicyStatus(), s.pointsDeducted(),
                s.gradedAt(), postedAt, s.submittedAt(), s.workflowState(), postedAt, s.attempt(),
                s.submissionType(), s.graderId());
    }
}
