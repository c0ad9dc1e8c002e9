package org.ccsync.writer.outbound.ic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Backoff delays, Retry-After handling and attempt bounds. */
class BackoffTest {

    private final List<Duration> waits = new ArrayList<>();
    private final Backoff backoff = new Backoff(4, Duration.ofMillis(100), Duration.ofSeconds(2), waits::add);

    @Test
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        assertThat(backoff.delay(1, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(1, Optional.empty(), 0.999)).isBetween(Duration.ofMillis(99),
                Duration.ofMillis(100));
        assertThat(backoff.delay(3, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(10, Optional.empty(), 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(40, Optional.empty(), 0.0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterDecidesTheWait() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(1)), 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(1)), 0.5)).isEqualTo(Duration.ofMillis(1050));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-09-10T12:00:00Z");
        assertThat(Backoff.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(Backoff.parseRetryAfter("Wed, 10 Sep 2025 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Wed, 10 Sep 2025 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter("soon", now)).isEmpty();
        assertThat(Backoff.parseRetryAfter(null, now)).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedUntilTheCallSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        String result = backoff.run("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw WriteFailure.transientFailure("ic_unavailable", 503, "down", null);
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void attemptsAreBounded() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> backoff.run("test", () -> {
            calls.incrementAndGet();
            throw WriteFailure.transientFailure("ic_server_busy", 429, "busy", Duration.ofMillis(300));
        })).isInstanceOf(WriteFailure.class);

        assertThat(calls).hasValue(4);
        assertThat(waits).hasSize(3).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(300),
                Duration.ofMillis(330)));
    }

    @Test
    void rejectionsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> backoff.run("test", () -> {
            calls.incrementAndGet();
            throw WriteFailure.rejected("ic_invaliddata", 422, "bad");
        })).hasMessage("bad");

        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aRetryAfterBeyondTheMaximumDelayEndsTheRetriesInsteadOfCallingEarly() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> backoff.run("test", () -> {
            calls.incrementAndGet();
            throw WriteFailure.transientFailure("ic_server_busy", 429, "busy", Duration.ofMinutes(5));
        })).isInstanceOf(WriteFailure.class);

        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }
}
