package org.ccsync.sandbox.campus;

import java.time.LocalDate;

/**
 * An academicSession of type gradingPeriod inside a term. As OneRoster 1.2 says, the end date is excluded from the
 * session: a period from 2026-08-17 to 2026-10-31 ends with 30 October.
 */
record GradingPeriod(String sourcedId, String title, String termSourcedId, LocalDate startDate, LocalDate endDate) {

    GradingPeriod {
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("grading period " + sourcedId + " ends before it starts");
        }
    }

    /** Whether {@code day} lies within the period: from the start date, up to the end date excluded unless included. */
    boolean contains(LocalDate day, boolean endInclusive) {
        return !day.isBefore(startDate) && (endInclusive ? !day.isAfter(endDate) : day.isBefore(endDate));
    }

    /** The dates as an error message shows them. */
    String span(boolean endInclusive) {
        return startDate + " until " + endDate + (endInclusive ? ", end date included" : ", end date excluded");
    }
}
