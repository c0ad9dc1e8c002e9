package org.ccsync.writer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Caps one district's in-flight IC requests in this process: serial at peak hours, a few at a time off-peak.
 * Across replicas the cap holds because a district's writes share one partition and so one consumer.
 */
public final class LoadWindow {

    private final int peakLimit;
    private final int offPeakLimit;
    private final LocalTime peakStart;
    private final LocalTime peakEnd;
    private final ZoneId zone;
    private final Clock clock;
    private int inFlight;

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

    /** The window of one district's settings. */
    public static LoadWindow of(WriterConfig.District district) {
        return new LoadWindow(district.maxConcurrentPeak(), district.maxConcurrentOffPeak(), district.peakHours(),
                ZoneId.of(district.timeZone()), Clock.systemUTC());
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

    /** Waits for a free slot. */
    public synchronized void acquire() throws InterruptedException {
        while (inFlight >= limit()) {
            wait(1_000);
        }
        inFlight++;
    }

    public synchronized void release() {
        inFlight--;
        notifyAll();
    }
}
