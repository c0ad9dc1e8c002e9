package org.ccsync.eligibility.inbound;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.eligibility.domain.EligibilityService;
import org.ccsync.eligibility.platform.EligibilityMetrics;
import org.ccsync.support.LogContext;
import org.ccsync.support.PipelineStages;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes canvas-changes, each snapshot in a fresh transaction of {@link EligibilityService}. While PostgreSQL or
 * the broker is away, the same snapshot is tried again with growing pauses (up to 15 s) until it goes through: the
 * partition pauses and resumes where it stopped, and nothing reaches the DLQ for an outage. A snapshot that fails
 * for any other reason is nacked to canvas-changes-dlq at once.
 */
@ApplicationScoped
public class CanvasChangeListener {

    private final EligibilityService service;
    private final EligibilityMetrics metrics;

    public CanvasChangeListener(EligibilityService service, EligibilityMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Incoming(Topics.CANVAS_CHANGES)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void on(CanvasChange change) {
        if (change == null) {
            throw new IllegalArgumentException("a canvas-changes record without a payload");
        }
        Instant received = Instant.now();
        boolean fresh;
        try (LogContext ignored = LogContext.open(change.tenant(), change.courseId(), change.eventId())) {
            fresh = service.process(change);
        }
        // The latency breakdown follows new scores only: a repeated snapshot carries an old graded_at.
        if (fresh && change instanceof ScoreChanged score && score.gradedAt() != null) {
            metrics.stage(PipelineStages.ELIGIBILITY_RECEIVED, score.gradedAt(), received);
            metrics.stage(PipelineStages.ELIGIBILITY_DECIDED, score.gradedAt(), Instant.now());
        }
    }
}
