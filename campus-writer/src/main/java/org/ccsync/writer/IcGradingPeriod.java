package org.ccsync.writer;

import java.time.LocalDate;

/** One grading period (an academicSession of type gradingPeriod) of a term, with inclusive dates. */
public record IcGradingPeriod(String sourcedId, String title, LocalDate startDate, LocalDate endDate) {

    public boolean contains(LocalDate date) {
        return startDate != null && endDate != null && !date.isBefore(startDate) && !date.isAfter(endDate);
    }
}
