package org.ccsync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choice of the grading period that holds a due date. */
class GradingPeriodPickerTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void theGradingPeriodIsTheShortestOneHoldingTheLocalDueDate() {
        List<IcGradingPeriod> periods = List.of(
                new IcGradingPeriod("S1", "Semester 1", LocalDate.parse("2025-08-15"),
                        LocalDate.parse("2025-12-19")),
                new IcGradingPeriod("Q1", "Quarter 1", LocalDate.parse("2025-08-15"),
                        LocalDate.parse("2025-10-31")),
                new IcGradingPeriod("Q2", "Quarter 2", LocalDate.parse("2025-11-01"),
                        LocalDate.parse("2025-12-19")));

        // 04:59 UTC on 1 November is still 31 October in Chicago.
        assertThat(GradingPeriodPicker.pick(periods, Instant.parse("2025-11-01T04:59:00Z"), CHICAGO))
                .map(IcGradingPeriod::sourcedId).contains("Q1");
        assertThat(GradingPeriodPicker.pick(periods, Instant.parse("2025-11-01T06:00:00Z"), CHICAGO))
                .map(IcGradingPeriod::sourcedId).contains("Q2");
        assertThat(GradingPeriodPicker.pick(periods, Instant.parse("2026-01-10T06:00:00Z"), CHICAGO)).isEmpty();
    }
}
