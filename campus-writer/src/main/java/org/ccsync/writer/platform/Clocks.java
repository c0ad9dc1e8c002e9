package org.ccsync.writer.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.ccsync.writer.outbound.ic.Backoff;

/**
 * Produces the wall clock that schedule decisions read (peak hours, credential expiry); tests replace it to say
 * "now is peak". Backoff, circuit cool-downs and latencies use real time.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock wallClock() {
        return Clock.systemUTC();
    }
}
