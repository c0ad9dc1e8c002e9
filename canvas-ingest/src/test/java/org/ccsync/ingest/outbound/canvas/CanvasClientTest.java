package org.ccsync.ingest.outbound.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Canvas REST pacing rules (its backoff is service-support's equal-jitter backoff, tested there). */
class CanvasClientTest {

    @Test
    void pacingWaitsOnlyBelowTheFloorAndProportionally() {
        Duration max = Duration.ofSeconds(30);
        assertThat(CanvasClient.pacingDelay(650, 1.5, 100, 10, max)).isZero();
        assertThat(CanvasClient.pacingDelay(100, 0, 100, 10, max)).isZero();
        // 50 units under the floor after the last call's cost, draining 10 units/s: 5 s.
        assertThat(CanvasClient.pacingDelay(60, 10, 100, 10, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(CanvasClient.pacingDelay(0, 50, 100, 1, max)).isEqualTo(max);
    }
}
