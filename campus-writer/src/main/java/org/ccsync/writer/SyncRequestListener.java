package org.ccsync.writer;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.Topics;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * On every full sync of a course ("Sync now" or the daily sync), tries the course's refused lineItems again: an IC
 * category or grading period added since, or any other fix outside Canvas, then reaches IC with the sync, results
 * included. Redelivery requeues the same records, which the ledger turns into no-ops. Unreadable records go to the
 * DLQ.
 */
@ApplicationScoped
public class SyncRequestListener {

    private final CampusWriteRequeue requeue;

    public SyncRequestListener(CampusWriteRequeue requeue) {
        this.requeue = requeue;
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
