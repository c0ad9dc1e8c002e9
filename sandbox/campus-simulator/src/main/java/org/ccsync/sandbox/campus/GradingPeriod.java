package org.ccsync.sandbox.campus;

import java.time.LocalDate;

/** An academicSession of type gradingPeriod inside a term, inclusive of both dates. */
record GradingPeriod(String sourcedId, String title, String termSourcedId, LocalDate startDate, LocalDate endDate) {

    GradingPeriod {
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("grading period " + sourcedId + " ends before it starts");
        }
    }

    /** Whether {@code day} lies within the period, both ends included. */
    boolean contains(LocalDate day) {
        return !day.isBefore(startDate) && !day.isAfter(endDate);
    }
}
