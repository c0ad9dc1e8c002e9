package org.ccsync.sandbox.canvas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;

/**
 * A course's late policy as Canvas stores it ({@code app/models/late_policy.rb}): a deduction of
 * {@code lateSubmissionDeduction} percent of the points possible per started {@code lateSubmissionInterval}
 * ({@code day} or {@code hour}) late, never below {@code lateSubmissionMinimumPercent} when that floor is on.
 * The missing-submission part is kept for the REST answer; the missing policy's zeros are
 * {@link CanvasControl#applyMissingPolicy}.
 */
public record LatePolicy(boolean lateSubmissionDeductionEnabled, double lateSubmissionDeduction,
        String lateSubmissionInterval, boolean lateSubmissionMinimumPercentEnabled,
        double lateSubmissionMinimumPercent, boolean missingSubmissionDeductionEnabled,
        double missingSubmissionDeduction, Instant updatedAt) {

    /** Grading types a late deduction applies to; pass_fail and not_graded are never deducted. */
    static final Set<String> POINT_DEDUCTIBLE_GRADING_TYPES = Set.of("points", "percent", "letter_grade",
            "gpa_scale");

    public LatePolicy {
        if (!"day".equals(lateSubmissionInterval) && !"hour".equals(lateSubmissionInterval)) {
            throw new IllegalArgumentException("late_submission_interval must be day or hour");
        }
        for (double percent : new double[] {lateSubmissionDeduction, lateSubmissionMinimumPercent,
                missingSubmissionDeduction}) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("late policy percentages must be between 0 and 100");
            }
        }
    }

    /** A policy deducting {@code percent} of the points possible per started day late, with no floor. */
    public static LatePolicy percentPerDay(double percent) {
        return new LatePolicy(true, percent, "day", false, 0, false, 0, null);
    }

    /**
     * Canvas's {@code points_deducted} for a raw score {@code secondsLate} late, rounded to two places: nothing when
     * the deduction is off, the score or points possible is missing, or the grading type is not point-based.
     */
    double pointsDeducted(Double score, Double pointsPossible, long secondsLate, String gradingType) {
        if (!lateSubmissionDeductionEnabled || score == null || pointsPossible == null || pointsPossible <= 0
                || secondsLate <= 0 || !POINT_DEDUCTIBLE_GRADING_TYPES.contains(gradingType)) {
            return 0.0;
        }
        long interval = "hour".equals(lateSubmissionInterval) ? 3600 : 86_400;
        long intervalsLate = (secondsLate + interval - 1) / interval;
        double minimum = lateSubmissionMinimumPercentEnabled ? lateSubmissionMinimumPercent : 0.0;
        double rawPercent = score * 100.0 / pointsPossible;
        double maximumDeduct = Math.max(rawPercent - minimum, 0.0);
        double deduct = pointsPossible * Math.min(lateSubmissionDeduction * intervalsLate, maximumDeduct) / 100;
        return BigDecimal.valueOf(deduct).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    LatePolicy withUpdatedAt(Instant value) {
        return new LatePolicy(lateSubmissionDeductionEnabled, lateSubmissionDeduction, lateSubmissionInterval,
                lateSubmissionMinimumPercentEnabled, lateSubmissionMinimumPercent, missingSubmissionDeductionEnabled,
                missingSubmissionDeduction, value);
    }

    /** Whether the attributes that make Canvas re-apply the policy differ (not the timestamp). */
    boolean sameRulesAs(LatePolicy other) {
        return other != null && withUpdatedAt(null).equals(other.withUpdatedAt(null));
    }
}
