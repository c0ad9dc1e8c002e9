package org.ccsync.writer.outbound.ic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Peak and off-peak limits in the district's local time. */
class LoadWindowTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static LoadWindow at(String instant, String peakHours) {
        return new LoadWindow(1, 5, peakHours, CHICAGO, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void peakHoursAreLocalToTheDistrict() {
        // 13:30 UTC in September is 08:30 in Chicago.
        assertThat(at("2025-09-10T13:30:00Z", "07:00-16:00").limit()).isEqualTo(1);
        // 22:00 UTC is 17:00 in Chicago.
        assertThat(at("2025-09-10T22:00:00Z", "07:00-16:00").limit()).isEqualTo(5);
        assertThat(at("2025-09-10T12:00:00Z", "07:00-16:00").isPeak(Instant.parse("2025-09-10T12:00:00Z")))
                .isTrue();
    }

    @Test
    void aWindowMayWrapPastMidnight() {
        LoadWindow nightPeak = at("2025-09-10T05:00:00Z", "22:00-02:00");
        assertThat(nightPeak.isPeak(Instant.parse("2025-09-10T05:00:00Z"))).isTrue();
        assertThat(nightPeak.isPeak(Instant.parse("2025-09-10T12:00:00Z"))).isFalse();
    }

    @Test
    void theLimitFollowsTheClock() {
        MutableClock clock = new MutableClock(Instant.parse("2025-09-10T13:30:00Z"));
        LoadWindow window = new LoadWindow(1, 5, "07:00-16:00", CHICAGO, clock);
        assertThat(window.limit()).isEqualTo(1);
        // 21:00 UTC is 16:00 in Chicago: the end of the window is already off-peak.
        clock.now = Instant.parse("2025-09-10T21:00:00Z");
        assertThat(window.limit()).isEqualTo(5);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
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
            return now;
        }
    }
}
