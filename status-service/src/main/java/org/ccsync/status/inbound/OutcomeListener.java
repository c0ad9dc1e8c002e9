package org.ccsync.status.inbound;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.status.domain.OutcomeProjector;
import org.ccsync.support.LogContext;
import org.ccsync.support.PoisonRecordException;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the outcome topic into the status views. While PostgreSQL or the broker is away the same outcome is tried
 * again with growing pauses until it goes through, never dead-lettered; an unreadable one goes to the DLQ at once.
 */
@ApplicationScoped
public class OutcomeListener {

    private final OutcomeProjector projector;

    public OutcomeListener(OutcomeProjector projector) {
        this.projector = projector;
    }

    @Incoming(Topics.SYNC_OUTCOMES)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void onOutcome(SyncOutcome outcome) {
        if (outcome == null) {
            throw new PoisonRecordException(Topics.SYNC_OUTCOMES);
        }
        try (LogContext ignored = LogContext.open(outcome.tenant(), outcome.courseId(), outcome.eventId())) {
            projector.project(outcome);
        }
    }
}
