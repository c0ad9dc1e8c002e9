package org.ccsync.sandbox.canvas;

/**
 * A teacher's grading action on one submission; null fields leave the current value alone.
 *
 * @param score entered score in points (un-excuses the submission)
 * @param excused excuse (true) or un-excuse (false)
 * @param late late flag
 * @param missing missing flag
 * @param posted post the grade (true) or hide it (false); null = post unless the assignment posts manually
 * @param pointsDeducted late deduction taken off the entered score
 */
public record GradeChange(Double score, Boolean excused, Boolean late, Boolean missing, Boolean posted,
        Double pointsDeducted) {

    public static GradeChange score(double score) {
        return new GradeChange(score, null, null, null, null, null);
    }

    public static GradeChange excuse() {
        return new GradeChange(null, true, null, null, null, null);
    }

    public static GradeChange none() {
        return new GradeChange(null, null, null, null, null, null);
    }

    public GradeChange withScore(Double value) {
        return new GradeChange(value, excused, late, missing, posted, pointsDeducted);
    }

    public GradeChange withExcused(Boolean value) {
        return new GradeChange(score, value, late, missing, posted, pointsDeducted);
    }

    public GradeChange withLate(Boolean value) {
        return new GradeChange(score, excused, value, missing, posted, pointsDeducted);
    }

    public GradeChange withMissing(Boolean value) {
        return new GradeChange(score, excused, late, value, posted, pointsDeducted);
    }

    public GradeChange withPosted(Boolean value) {
        return new GradeChange(score, excused, late, missing, value, pointsDeducted);
    }

    public GradeChange withPointsDeducted(Double value) {
        return new GradeChange(score, excused, late, missing, posted, value);
    }
}
