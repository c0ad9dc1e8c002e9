package org.ccsync.writer.outbound.ic;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.ccsync.support.EqualJitter;
import org.ccsync.writer.platform.WriterConfig;

/**
 * Retries transient IC failures with exponential backoff and jitter, and waits exactly as long as a
 * {@code Retry-After} asks (giving up when IC asks for longer than the maximum delay).
 */
// Not SmallRye Fault Tolerance's Retry: the wait is IC's Retry-After when it sends one, attempts are per district.
@ApplicationScoped
public class Backoff {

    /** The configured attempts per call. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Sleeps; tests replace it to run without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    @Inject
    public Backoff(WriterConfig config) {
        this(config.retry().maxAttempts(), config.retry().initialDelay(), config.retry().maxDelay(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    /** Runs the call until it succeeds, fails for good, or runs out of attempts; the last failure is thrown. */
    public <T> T run(String what, Supplier<T> call) {
        return run(what, maxAttempts, call);
    }

    /** As {@link #run(String, Supplier)} with a district's own number of attempts. */
    public <T> T run(String what, int attempts, Supplier<T> call) {
        int limit = Math.max(1, attempts);
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (WriteFailure failure) {
                if (!failure.isTransient() || attempt >= limit) {
                    throw failure;
                }
                Optional<Duration> retryAfter = failure.retryAfter();
                if (retryAfter.isPresent() && retryAfter.get().compareTo(maxDelay) > 0) {
                    // Calling before IC's Retry-After would only add load: give up and let the DLQ hold the write.
                    throw failure;
                }
                Duration wait = delay(attempt, retryAfter, ThreadLocalRandom.current().nextDouble());
                Log.infof("%s failed (%s, attempt %d of %d); retrying in %d ms", what, failure.errorCode(), attempt,
                        limit, wait.toMillis());
                pause(wait);
            }
        }
    }

    /**
     * The wait after the given failed attempt (1-based): Retry-After plus up to 10% when IC sent one, otherwise
     * "equal jitter" over an exponential step capped at the maximum delay.
     *
     * @param random a number in [0, 1)
     */
    Duration delay(int attempt, Optional<Duration> retryAfter, double random) {
        if (retryAfter.isPresent()) {
            long base = retryAfter.get().toMillis();
            return Duration.ofMillis(base + (long) (base * 0.1 * random));
        }
        return EqualJitter.delay(attempt, initialDelay, maxDelay, random);
    }

    /** Reads a Retry-After header: delay-seconds or an HTTP date; empty when absent or unreadable. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WriteFailure.transientFailure("interrupted", 0, "interrupted while waiting to retry", null);
        }
    }
}
