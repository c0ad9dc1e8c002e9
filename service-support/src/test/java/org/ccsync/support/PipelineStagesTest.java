package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PipelineStagesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Timer timer(String stage) {
        return registry.get(PipelineStages.METRIC).tag("stage", stage).timer();
    }

    private double countAtOrBelow(Timer timer, double seconds) {
        return Arrays.stream(timer.takeSnapshot().histogramCounts())
                .filter(b -> b.bucket(java.util.concurrent.TimeUnit.SECONDS) == seconds)
                .mapToDouble(CountAtBucket::count).findFirst().orElseThrow();
    }

    @Test
    void eachStageIsOneSeriesOfOneHistogramWithBucketsAroundTheTargets() {
        PipelineStages.record(registry, PipelineStages.IC_ANSWERED, Duration.ofMillis(700));
        PipelineStages.record(registry, PipelineStages.IC_ANSWERED, Duration.ofMillis(2_900));
        PipelineStages.record(registry, PipelineStages.WEBHOOK_RECEIVED, Duration.ofMillis(40));

        Timer answered = timer(PipelineStages.IC_ANSWERED);
        assertThat(answered.count()).isEqualTo(2);
        assertThat(countAtOrBelow(answered, 0.8)).isEqualTo(1);
        assertThat(countAtOrBelow(answered, 3.0)).isEqualTo(2);
        assertThat(countAtOrBelow(timer(PipelineStages.WEBHOOK_RECEIVED), 0.05)).isEqualTo(1);
    }

    @Test
    void aGradeWithoutOriginOrFromTheFutureIsNotRecorded() {
        PipelineStages.record(registry, PipelineStages.REREAD_DONE, (Instant) null);
        PipelineStages.record(registry, PipelineStages.REREAD_DONE, Instant.now().plusSeconds(60));
        PipelineStages.record(registry, PipelineStages.REREAD_DONE, Instant.now().minusSeconds(1));

        assertThat(timer(PipelineStages.REREAD_DONE).count()).isEqualTo(1);
    }
}
