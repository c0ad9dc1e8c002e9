package org.ccsync.writer.outbound.ic;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.ccsync.writer.platform.WriterConfig;

/**
 * One district's concurrency cap at this moment: serial in its local peak hours, a few at a time off-peak. The
 * district's lane reads it before every dispatch, so a cap change takes effect with the next write.
 */
public final class LoadWindow {

    private final int peakLimit;
    private final int offPeakLimit;
    private final LocalTime peakStart;
    private final LocalTime peakEnd;
    private final ZoneId zone;
    private final Clock clock;

    LoadWindow(int peakLimit, int offPeakLimit, String peakHours, ZoneId zone, Clock clock) {
        this.peakLimit = Math.max(1, peakLimit);
        this.offPeakLimit = Math.max(1, offPeakLimit);
        String[] bounds = peakHours.split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("peak-hours must look like 07:00-16:00 but was " + peakHours);
        }
        this.peakStart = LocalTime.parse(bounds[0].trim());
        this.peakEnd = LocalTime.parse(bounds[1].trim());
        this.zone = zone;
        this.clock = clock;
    }

    /** The window of one district's settings, read against the given clock. */
    public static LoadWindow of(WriterConfig.District district, Clock clock) {
        return new LoadWindow(district.maxConcurrentPeak(), district.maxConcurrentOffPeak(), district.peakHours(),
                ZoneId.of(district.timeZone()), clock);
    }

    /** A district without settings (its writes fail fast): serial, the safe choice. */
    public static LoadWindow serial(Clock clock) {
        return new LoadWindow(1, 1, "00:00-00:00", ZoneId.of("UTC"), clock);
    }

    /** Whether the instant falls in the district's local peak hours (a window may wrap past midnight). */
    public boolean isPeak(Instant now) {
        LocalTime time = now.atZone(zone).toLocalTime();
        if (!peakStart.isAfter(peakEnd)) {
            return !time.isBefore(peakStart) && time.isBefore(peakEnd);
        }
        return !time.isBefore(peakStart) || time.isBefore(peakEnd);
    }

    /** How many requests may be in flight right now. */
    public int limit() {
        return isPeak(clock.instant()) ? peakLimit : offPeakLimit;
    }
}
