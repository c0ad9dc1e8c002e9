package org.ccsync.writer.outbound.ic;

import java.time.LocalDate;

/**
 * One grading period (an academicSession of type gradingPeriod) of a term. OneRoster 1.2 excludes the end date from
 * the session; a district whose IC publishes a period's last day as its end date includes it.
 */
public record IcGradingPeriod(String sourcedId, String title, LocalDate startDate, LocalDate endDate) {

    /** Whether the period holds the date: from its start date up to its end date, excluded unless included. */
    public boolean contains(LocalDate date, boolean endInclusive) {
        if (startDate == null || endDate == null || date.isBefore(startDate)) {
            return false;
        }
        return endInclusive ? !date.isAfter(endDate) : date.isBefore(endDate);
    }
}
