package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.outbound.ic.IcGradingPeriod;

/** Choice of the grading period that holds a due date; OneRoster 1.2 excludes a period's end date. */
class GradingPeriodPickerTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** OneRoster dates: Quarter 1 ends on 1 November (excluded), the day Quarter 2 starts. */
    private static final List<IcGradingPeriod> PERIODS = List.of(
            new IcGradingPeriod("S1", "Semester 1", LocalDate.parse("2025-08-15"), LocalDate.parse("2025-12-20")),
            new IcGradingPeriod("Q1", "Quarter 1", LocalDate.parse("2025-08-15"), LocalDate.parse("2025-11-01")),
            new IcGradingPeriod("Q2", "Quarter 2", LocalDate.parse("2025-11-01"), LocalDate.parse("2025-12-20")));

    @Test
    void theGradingPeriodIsTheShortestOneHoldingTheLocalDueDate() {
        // 04:59 UTC on 1 November is still 31 October in Chicago.
        assertThat(GradingPeriodPicker.pick(PERIODS, Instant.parse("2025-11-01T04:59:00Z"), CHICAGO, false))
                .map(IcGradingPeriod::sourcedId).contains("Q1");
        assertThat(GradingPeriodPicker.pick(PERIODS, Instant.parse("2025-11-01T06:00:00Z"), CHICAGO, false))
                .map(IcGradingPeriod::sourcedId).contains("Q2");
        assertThat(GradingPeriodPicker.pick(PERIODS, Instant.parse("2026-01-10T06:00:00Z"), CHICAGO, false)).isEmpty();
    }

    @Test
    void aDueDateOnAPeriodsEndDateLandsInTheNextPeriod() {
        List<IcGradingPeriod> quarters = List.of(
                new IcGradingPeriod("Q1", "Quarter 1", LocalDate.parse("2026-08-17"), LocalDate.parse("2026-10-31")),
                new IcGradingPeriod("Q2", "Quarter 2", LocalDate.parse("2026-10-31"), LocalDate.parse("2027-01-23")));
        Instant lastDayOfQ1 = Instant.parse("2026-10-30T22:00:00Z");
        Instant endDateOfQ1 = Instant.parse("2026-10-31T17:00:00Z");

        assertThat(GradingPeriodPicker.pick(quarters, lastDayOfQ1, CHICAGO, false)).map(IcGradingPeriod::sourcedId)
                .contains("Q1");
        assertThat(GradingPeriodPicker.pick(quarters, endDateOfQ1, CHICAGO, false)).map(IcGradingPeriod::sourcedId)
                .contains("Q2");
        // The end of the last period is excluded too: no period holds it.
        assertThat(GradingPeriodPicker.pick(quarters, Instant.parse("2027-01-23T17:00:00Z"), CHICAGO, false))
                .isEmpty();
    }

    @Test
    void aProviderThatIncludesTheEndDateKeepsItInThePeriod() {
        List<IcGradingPeriod> quarters = List.of(
                new IcGradingPeriod("Q1", "Quarter 1", LocalDate.parse("2026-08-17"), LocalDate.parse("2026-10-30")),
                new IcGradingPeriod("Q2", "Quarter 2", LocalDate.parse("2026-11-02"), LocalDate.parse("2027-01-22")));

        assertThat(GradingPeriodPicker.pick(quarters, Instant.parse("2026-10-30T22:00:00Z"), CHICAGO, true))
                .map(IcGradingPeriod::sourcedId).contains("Q1");
        assertThat(GradingPeriodPicker.pick(quarters, Instant.parse("2026-10-30T22:00:00Z"), CHICAGO, false))
                .isEmpty();
        assertThat(GradingPeriodPicker.pick(quarters, Instant.parse("2027-01-22T22:00:00Z"), CHICAGO, true))
                .map(IcGradingPeriod::sourcedId).contains("Q2");
    }
}
