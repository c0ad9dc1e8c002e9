package org.ccsync.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The one latency histogram every service feeds, {@code ccsync_stage_seconds{stage}} on {@code /q/metrics}: the time
 * from a grade's change in Canvas (its event time or {@code graded_at}, which every contract already carries) to the
 * moment the grade reached a stage of the pipeline. The difference between two stages is the time spent between them.
 */
public final class PipelineStages {

    /** Micrometer's name; Prometheus shows {@code ccsync_stage_seconds_bucket}, {@code _count} and {@code _sum}. */
    public static final String METRIC = "ccsync.stage";

    /** canvas-ingest: a Live Event passed the webhook's checks. */
    public static final String WEBHOOK_RECEIVED = "webhook_received";
    /** canvas-ingest: the broker acknowledged the trigger (the webhook answers 202). */
    public static final String TRIGGER_PUBLISHED = "trigger_published";
    /** canvas-ingest: the trigger's course re-read began. */
    public static final String REREAD_STARTED = "reread_started";
    /** canvas-ingest: a score snapshot of the re-read was acknowledged on canvas-changes. */
    public static final String SNAPSHOT_PUBLISHED = "snapshot_published";
    /** canvas-ingest: the whole re-read that covered the trigger is done. */
    public static final String REREAD_DONE = "reread_done";
    /** eligibility-service: a score snapshot was consumed. */
    public static final String ELIGIBILITY_RECEIVED = "eligibility_received";
    /** eligibility-service: the rules were applied to a score snapshot, its commands sent and its state committed. */
    public static final String ELIGIBILITY_DECIDED = "eligibility_decided";
    /** eligibility-service: the result's write command was acknowledged on campus-writes. */
    public static final String WRITE_PUBLISHED = "write_published";
    /** campus-writer: a result write was consumed and queued in its district's lane. */
    public static final String WRITER_RECEIVED = "writer_received";
    /** campus-writer: a result write took a slot of its district's lane. */
    public static final String LANE_SLOT_ACQUIRED = "lane_slot_acquired";
    /** campus-writer: IC answered the result write. */
    public static final String IC_ANSWERED = "ic_answered";
    /** campus-writer: the outcome of the result write was published. */
    public static final String OUTCOME_PUBLISHED = "outcome_published";

    /** Upper bounds of the histogram's buckets: fine below 5 s, where the targets are. */
    private static final Duration[] BUCKETS = Stream.of(0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0,
            1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 300.0)
            .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000))).toArray(Duration[]::new);

    private PipelineStages() {
    }

    /** Records that a grade changed in Canvas at {@code originEpochMillis} reached {@code stage} now. */
    public static void record(MeterRegistry registry, String stage, long originEpochMillis) {
        if (originEpochMillis > 0) {
            record(registry, stage, Duration.ofMillis(System.currentTimeMillis() - originEpochMillis));
        }
    }

    /** Records that a grade reached {@code stage} {@code sinceOrigin} after its change in Canvas. */
    public static void record(MeterRegistry registry, String stage, Duration sinceOrigin) {
        if (sinceOrigin.isNegative()) {
            return;
        }
        Timer.builder(METRIC).tag("stage", stage)
                .description("time from the grade's change in Canvas until it reached the stage")
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(sinceOrigin);
    }

    /** As {@link #record(MeterRegistry, String, long)}; does nothing without an origin. */
    public static void record(MeterRegistry registry, String stage, Instant origin) {
        if (origin != null) {
            record(registry, stage, origin.toEpochMilli());
        }
    }
}
