package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff campus-writer's IC retries and canvas-ingest's Canvas retries share: grows, jitters, stays bounded. */
class EqualJitterTest {

    @Test
    void halfTheCappedStepIsFixedAndTheOtherHalfRandom() {
        Duration base = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(1);
        assertThat(EqualJitter.delay(1, base, max, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(EqualJitter.delay(1, base, max, 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(EqualJitter.delay(3, base, max, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(EqualJitter.delay(40, base, max, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(EqualJitter.delay(40, base, max, 0.999)).isLessThanOrEqualTo(max);
    }

    @Test
    void backoffGrowsWithJitterAndStaysBounded() {
        Duration base = Duration.ofMillis(500);
        Duration max = Duration.ofSeconds(30);
        for (int i = 0; i < 50; i++) {
            assertThat(EqualJitter.delay(1, base, max)).isBetween(Duration.ofMillis(250), base);
            assertThat(EqualJitter.delay(3, base, max)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(EqualJitter.delay(30, base, max)).isBetween(Duration.ofSeconds(15), max);
        }
    }
}
