package org.ccsync.sandbox.canvas;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Millisecond-precision time source, never earlier than the demo district's today, that can hand out instants
 * strictly later than a previous one.
 */
final class SimClock {

    private final Clock clock;

    SimClock(Clock clock) {
        this.clock = clock;
    }

    /** The system clock, shifted forward to the demo district's today when the machine's clock is earlier. */
    static SimClock system() {
        Clock system = Clock.systemUTC();
        Duration behind = Duration.between(system.instant(), DemoDistrict.TODAY);
        return new SimClock(behind.isNegative() ? system : Clock.offset(system, behind));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Now, or one millisecond after {@code previous} when now would not be strictly later. */
    Instant after(Instant previous) {
        Instant now = now();
        return previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
    }
}
