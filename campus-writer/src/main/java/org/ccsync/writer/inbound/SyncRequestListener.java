package org.ccsync.writer.inbound;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.DriftActionRequested;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.Topics;
import org.ccsync.support.LogContext;
import org.ccsync.support.PoisonRecordException;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ccsync.writer.domain.DriftVerifications;
import org.ccsync.writer.domain.HoldDecisions;
import org.ccsync.writer.outbound.CampusWriteRequeue;

/**
 * Acts on a course's drift as asked through status-service (verify now, release or discard a hold). On every full
 * sync of a course ("Sync now" or the daily sync), tries the course's refused lineItems again: an IC
 * category or grading period added since, or any other fix outside Canvas, then reaches IC with the sync, results
 * included. Redelivery requeues the same records, which the ledger turns into no-ops. Unreadable records go to the
 * DLQ.
 */
@ApplicationScoped
public class SyncRequestListener {

    private final CampusWriteRequeue requeue;
    private final DriftVerifications drift;
    private final HoldDecisions holds;

    public SyncRequestListener(CampusWriteRequeue requeue, DriftVerifications drift, HoldDecisions holds) {
        this.requeue = requeue;
        this.drift = drift;
        this.holds = holds;
    }

    /** A verification, or an admin's release or discard of a hold (a decided hold stays as decided). */
    private void act(DriftActionRequested action) {
        try (LogContext ignored = LogContext.open(action.tenant(), action.courseId(), action.eventId())) {
            switch (action.action()) {
                case DriftActionRequested.VERIFY -> drift.requested(action.tenant(), action.courseId(),
                        action.requestedBy());
                case DriftActionRequested.RELEASE -> holds.release(action.tenant(), action.holdId(),
                        action.requestedBy());
                case DriftActionRequested.DISCARD -> holds.discard(action.tenant(), action.holdId(),
                        action.requestedBy());
                default -> Log.warnf("unknown drift action %s (event %s) ignored", action.action(), action.eventId());
            }
        }
    }

    @Incoming(Topics.SYNC_REQUESTS)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void on(SyncRequest request) {
        if (request == null) {
            throw new PoisonRecordException(Topics.SYNC_REQUESTS);
        }
        if (request instanceof DriftActionRequested action) {
            act(action);
            return;
        }
        if (!(request instanceof SyncRequested sync)) {
            return;
        }
        try (LogContext ignored = LogContext.open(sync.tenant(), sync.courseId(), sync.eventId())) {
            int retried = requeue.retryRefusedLineItems(sync.tenant(), sync.courseId(), sync.eventId());
            Log.debugf("sync %s of course %s/%s: %d refused lineItems tried again", sync.runId(), sync.tenant(),
                    sync.courseId(), retried);
        }
    }
}
