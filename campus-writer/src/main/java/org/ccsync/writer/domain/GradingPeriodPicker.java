package org.ccsync.writer.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ccsync.writer.outbound.ic.IcGradingPeriod;

/**
 * Picks the grading period that contains a due date, as a local date in the district's time zone. A period's end
 * date is excluded, as OneRoster 1.2 says (a due date on it belongs to the next period), unless the district's
 * provider includes it ({@code grading-period-end-inclusive}).
 */
public final class GradingPeriodPicker {

    private GradingPeriodPicker() {
    }

    /** The shortest period containing the due date (a quarter rather than its semester), if any. */
    public static Optional<IcGradingPeriod> pick(List<IcGradingPeriod> periods, Instant dueDate, ZoneId zone,
            boolean endInclusive) {
        if (dueDate == null) {
            return Optional.empty();
        }
        LocalDate due = dueDate.atZone(zone).toLocalDate();
        return periods.stream()
                .filter(period -> period.contains(due, endInclusive))
                .min(Comparator.comparingLong(p -> ChronoUnit.DAYS.between(p.startDate(), p.endDate())));
    }
}
