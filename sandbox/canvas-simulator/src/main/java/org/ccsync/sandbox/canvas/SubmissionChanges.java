package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules that turn a submission into its next state, as Canvas's {@code Assignment#save_grade_to_submission},
 * {@code Submission#infer_values} and {@code Submission#apply_late_policy} do.
 */
final class SubmissionChanges {

    static final String LATE = "late";
    static final String MISSING = "missing";
    static final String NONE = "none";

    private SubmissionChanges() {
    }

    /**
     * Applies a teacher's grade change. Entering a score un-excuses and, with no explicit deduction, applies the
     * course's late policy to a late submission; an excuse clears score and grade. {@code graded_at} moves only when
     * the change grades (a score or an excuse) or changes the late/missing status; un-excusing without a score leaves
     * it, and the workflow state, as they were.
     */
    static Submission grade(Submission s, Assignment a, GradeChange change, Instant now, long graderId,
            LatePolicy policy) {
        Submission.Draft d = s.draft();
        boolean scored = change.score() != null;
        if (Boolean.TRUE.equals(change.excused())) {
            d.excused = true;
        } else if (scored) {
            d.excused = false;
            d.enteredScore = change.score();
        } else if (Boolean.FALSE.equals(change.excused())) {
            d.excused = false;
        }
        d.latePolicyStatus = status(s.latePolicyStatus(), change);
        boolean statusChanged = !Objects.equals(d.latePolicyStatus, s.latePolicyStatus());
        if (LATE.equals(d.latePolicyStatus) && d.secondsLateOverride == null) {
            d.secondsLateOverride = secondsAfterDue(s);
        }
        d.missing = MISSING.equals(d.latePolicyStatus) || (d.latePolicyStatus == null && s.missing());
        d.late = Submission.inferLate(d.latePolicyStatus, d.excused, s.submittedAt(), s.cachedDueDate());
        if (d.excused) {
            d.enteredScore = null;
            d.pointsDeducted = null;
        } else if (change.pointsDeducted() != null) {
            // Canvas skips the late policy when the deduction itself is entered.
            d.pointsDeducted = change.pointsDeducted();
        } else if (scored || statusChanged) {
            d.pointsDeducted = d.late ? deduction(policy, d.enteredScore, a, secondsLate(d)) : null;
        }
        d.score = d.enteredScore == null ? null : deducted(d.enteredScore, d.pointsDeducted);
        d.grade = GradeFormat.grade(d.score, a);
        boolean didGrade = scored || Boolean.TRUE.equals(change.excused());
        if (didGrade || statusChanged) {
            d.gradedAt = now;
        }
        if (didGrade && ((d.score != null && d.grade != null) || d.excused)) {
            d.workflowState = Submission.GRADED;
        }
        if (change.posted() != null) {
            d.postedAt = change.posted() ? (s.postedAt() != null ? s.postedAt() : now) : null;
        } else if (didGrade && s.postedAt() == null && !a.postManually()) {
            d.postedAt = now;
        }
        d.graderId = graderId;
        d.updatedAt = now;
        return d.build();
    }

    /**
     * Removes the grade (Canvas's {@code grade_student} with an empty grade): score, grade and entered score become
     * null and an excuse is lifted, while {@code graded_at}, {@code posted_at} and the workflow state stay as they
     * were; a late submission keeps a deduction of 0.
     */
    static Submission clear(Submission s, Assignment a, Instant now, long graderId) {
        Submission.Draft d = s.draft();
        d.score = null;
        d.grade = null;
        d.enteredScore = null;
        d.excused = false;
        d.late = Submission.inferLate(s.latePolicyStatus(), false, s.submittedAt(), s.cachedDueDate());
        if (s.score() != null) {
            d.pointsDeducted = d.late ? 0.0 : null;
        }
        d.graderId = graderId;
        d.updatedAt = now;
        return d.build();
    }

    /**
     * A student's (re)submission: a new attempt at {@code submittedAt}, the manual late status reset, state
     * {@code submitted} (a score no longer matches the current submission, so it is not {@code graded}).
     */
    static Submission submit(Submission s, Instant submittedAt, Instant now) {
        Submission.Draft d = s.draft();
        d.submittedAt = submittedAt;
        d.attempt = (s.attempt() == null ? 0 : s.attempt()) + 1;
        d.submissionType = DemoDistrict.HOMEWORK_SUBMISSION;
        d.latePolicyStatus = null;
        d.secondsLateOverride = null;
        d.missing = false;
        d.late = Submission.inferLate(null, s.excused(), submittedAt, s.cachedDueDate());
        d.workflowState = Submission.SUBMITTED;
        d.updatedAt = now;
        return d.build();
    }

    /**
     * A quiz submitted {@code now} whose automatically graded part scores {@code autoScore} while another part (an
     * essay question) waits for the teacher: state {@code pending_review}, graded at {@code now} by the quiz (a
     * negative grader id), posted unless the assignment posts manually.
     */
    static Submission pendingReview(Submission s, Assignment a, double autoScore, Instant now, LatePolicy policy) {
        Submission.Draft d = s.draft();
        d.submittedAt = now;
        d.attempt = (s.attempt() == null ? 0 : s.attempt()) + 1;
        d.submissionType = "online_quiz";
        d.latePolicyStatus = null;
        d.secondsLateOverride = null;
        d.excused = false;
        d.missing = false;
        d.late = Submission.inferLate(null, false, now, s.cachedDueDate());
        d.enteredScore = autoScore;
        d.pointsDeducted = d.late ? deduction(policy, autoScore, a, secondsLate(d)) : null;
        d.score = deducted(autoScore, d.pointsDeducted);
        d.grade = GradeFormat.grade(d.score, a);
        d.gradedAt = now;
        d.graderId = -a.id();
        d.workflowState = Submission.PENDING_REVIEW;
        if (s.postedAt() == null && !a.postManually()) {
            d.postedAt = now;
        }
        d.updatedAt = now;
        return d.build();
    }

    /** The missing-submission policy's automatic zero. */
    static Submission missingZero(Submission s, Assignment a, Instant gradedAt, long graderId) {
        Submission.Draft d = s.draft();
        d.score = 0.0;
        d.grade = GradeFormat.grade(0.0, a);
        d.enteredScore = 0.0;
        d.excused = false;
        d.late = false;
        d.missing = true;
        d.latePolicyStatus = MISSING;
        d.pointsDeducted = null;
        d.gradedAt = gradedAt;
        d.postedAt = a.postManually() ? null : gradedAt;
        d.workflowState = Submission.GRADED;
        d.updatedAt = gradedAt;
        d.graderId = graderId;
        return d.build();
    }

    /** Makes a hidden grade visible; graded_at is left alone. */
    static Submission post(Submission s, Instant postedAt) {
        Submission.Draft d = s.draft();
        d.postedAt = postedAt;
        d.updatedAt = postedAt;
        return d.build();
    }

    /**
     * The student's effective due date moved (Canvas's cached_due_date, rewritten by SQL without callbacks or
     * events); whether the submission is late follows it.
     */
    static Optional<Submission> dueDate(Submission s, Instant due) {
        if (Objects.equals(s.cachedDueDate(), due)) {
            return Optional.empty();
        }
        Submission.Draft d = s.draft();
        d.cachedDueDate = due;
        d.late = Submission.inferLate(s.latePolicyStatus(), s.excused(), s.submittedAt(), due);
        return Optional.of(d.build());
    }

    /**
     * Canvas's {@code LatePolicyApplicator} for one submission: the deduction recomputed from the entered score and
     * how late it is now, {@code graded_at} untouched; empty when nothing changes.
     */
    static Optional<Submission> applyLatePolicy(Submission s, Assignment a, LatePolicy policy, Instant now) {
        Double raw = s.enteredScore();
        double deduction = s.late() ? deduction(policy, raw, a, s.secondsLate()) : 0.0;
        Double newDeducted = s.late() ? deduction : null;
        Double newScore = raw == null ? null : deducted(raw, deduction);
        if (Objects.equals(newDeducted, s.pointsDeducted()) && Objects.equals(newScore, s.score())) {
            return Optional.empty();
        }
        Submission.Draft d = s.draft();
        d.pointsDeducted = newDeducted;
        d.score = newScore;
        d.grade = GradeFormat.grade(newScore, a);
        d.updatedAt = now;
        return Optional.of(d.build());
    }

    /** Whether Canvas's applicator looks at the submission: late with a score, or no longer late but deducted. */
    static boolean latePolicyRelevant(Submission s) {
        return (s.late() && s.score() != null)
                || (!s.late() && s.pointsDeducted() != null && s.pointsDeducted() > 0);
    }

    private static String status(String current, GradeChange change) {
        if (change.late() == null && change.missing() == null) {
            return current;
        }
        if (Boolean.TRUE.equals(change.missing())) {
            return MISSING;
        }
        return Boolean.TRUE.equals(change.late()) ? LATE : NONE;
    }

    private static long secondsAfterDue(Submission s) {
        Submission automatic = new Submission(s.id(), s.courseId(), s.assignmentId(), s.userId(), null, null, null,
                false, false, false, null, null, null, null, s.submittedAt(), s.workflowState(), null, null, null,
                null, s.cachedDueDate(), null);
        return automatic.secondsLate();
    }

    private static long secondsLate(Submission.Draft d) {
        return d.build().secondsLate();
    }

    private static double deduction(LatePolicy policy, Double raw, Assignment a, long secondsLate) {
        return policy == null ? 0.0 : policy.pointsDeducted(raw, a.pointsPossible(), secondsLate, a.gradingType());
    }

    /** The score after a deduction; a deduction larger than the score leaves 0 (or the score, when negative). */
    static Double deducted(double raw, Double deduction) {
        if (deduction == null) {
            return raw;
        }
        return deduction > raw ? Math.min(0.0, raw) : raw - deduction;
    }
}
