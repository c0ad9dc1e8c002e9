package org.ccsync.status;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the outcome topic into the status views; transient database failures are retried, then dead-lettered. */
@ApplicationScoped
public class OutcomeListener {

    private final OutcomeProjector projector;

    public OutcomeListener(OutcomeProjector projector) {
        this.projector = projector;
    }

    @Incoming(Topics.SYNC_OUTCOMES)
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = PoisonRecordException.class)
    public void onOutcome(SyncOutcome outcome) {
        if (outcome == null) {
            throw new PoisonRecordException(Topics.SYNC_OUTCOMES);
        }
        try (LogContext ignored = LogContext.open(outcome.tenant(), outcome.courseId(), outcome.eventId())) {
            projector.project(outcome);
        }
    }
}
