package org.ccsync.writer;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Replaces the schedule clock in tests: real time unless a test pins "now" (peak or off-peak in Chicago). */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    /** Noon in Chicago on a school day: peak. */
    public static final Instant PEAK = Instant.parse("2026-11-30T18:00:00Z");
    /** Two in the morning in Chicago: off-peak. */
    public static final Instant OFF_PEAK = Instant.parse("2026-11-30T08:00:00Z");

    private static volatile Instant pinned;

    public static void pin(Instant now) {
        pinned = now;
    }

    public static void unpin() {
        pinned = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant now = pinned;
        return now != null ? now : Instant.now();
    }
}
