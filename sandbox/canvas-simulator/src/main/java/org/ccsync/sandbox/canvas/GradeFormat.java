package org.ccsync.sandbox.canvas;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Turns a numeric score into Canvas's display grade string for the assignment's grading type. */
final class GradeFormat {

    private GradeFormat() {
    }

    static String grade(Double score, Assignment assignment) {
        if (score == null || NewAssignment.NOT_GRADED.equals(assignment.gradingType())) {
            return null;
        }
        Double possible = assignment.pointsPossible();
        boolean hasPossible = possible != null && possible > 0;
        return switch (assignment.gradingType()) {
            case "percent" -> number(hasPossible ? score * 100 / possible : score) + "%";
            case "pass_fail" -> hasPossible && score >= possible ? "complete" : "incomplete";
            case "letter_grade", "gpa_scale" -> hasPossible ? letter(score / possible) : number(score);
            default -> number(score);
        };
    }

    /** A number without trailing zeros: 8.0 becomes "8", 9.50 becomes "9.5". */
    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String letter(double fraction) {
        if (fraction >= 0.9) {
            return "A";
        }
        if (fraction >= 0.8) {
            return "B";
        }
        if (fraction >= 0.7) {
            return "C";
        }
        return fraction >= 0.6 ? "D" : "F";
    }
}
