package org.ccsync.ingest.outbound.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Canvas REST pacing rules (its backoff is service-support's equal-jitter backoff, tested there). */
class CanvasPacingTest {

    @Test
    void pacingWaitsOnlyBelowTheFloorAndProportionally() {
        Duration max = Duration.ofSeconds(30);
        assertThat(CanvasPacing.pacingDelay(650, 1.5, 100, 10, max)).isZero();
        assertThat(CanvasPacing.pacingDelay(100, 0, 100, 10, max)).isZero();
        // 50 units under the floor after the last call's cost, draining 10 units/s: 5 s.
        assertThat(CanvasPacing.pacingDelay(60, 10, 100, 10, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(CanvasPacing.pacingDelay(0, 50, 100, 1, max)).isEqualTo(max);
    }
}
