package org.ccsync.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the step doubles from {@code base} per attempt up to {@code max}, and the
 * wait is half that step plus a random share of the other half, so retries of many callers spread out.
 */
public final class EqualJitter {

    private EqualJitter() {
    }

    /** The wait after the given failed attempt (1-based), with a random share from {@link ThreadLocalRandom}. */
    public static Duration delay(int attempt, Duration base, Duration max) {
        return delay(attempt, base, max, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait after the given failed attempt (1-based): between half the capped step and the capped step.
     *
     * @param random a number in [0, 1)
     */
    public static Duration delay(int attempt, Duration base, Duration max, double random) {
        long step = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(Math.max(step, 1), max.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
    }
}
