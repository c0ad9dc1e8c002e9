package org.ccsync.ingest.inbound;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.domain.ReconciliationService;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.support.LogContext;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Handles the requests on sync-requests: a {@link SyncRequested} ("sync now" from status-service, or the daily run
 * {@link DailySyncScheduler} publishes) reconciles a whole course from Canvas REST and reports the run's stages on
 * sync-outcomes, once per event id; a daily-schedule change is stored per course, newest version wins.
 */
@ApplicationScoped
public class SyncRequestListener {

    private final ReconciliationService reconciliation;
    private final IngestStateRepository state;

    public SyncRequestListener(ReconciliationService reconciliation, IngestStateRepository state) {
        this.reconciliation = reconciliation;
        this.state = state;
    }

    /** While PostgreSQL or the broker is away the same request is tried again with growing pauses, never parked. */
    @Incoming(Topics.SYNC_REQUESTS)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void on(SyncRequest request) {
        if (request == null || request.eventId() == null || request.tenant() == null || request.courseId() == null) {
            throw new IllegalArgumentException("a sync request without event id, tenant or course");
        }
        try (LogContext ignored = LogContext.open(request.tenant(), request.courseId(), request.eventId())) {
            if (state.isProcessed(request.eventId())) {
                Log.infof("skipping duplicate event %s", request.eventId());
                return;
            }
            if (request instanceof SyncRequested run) {
                reconciliation.reconcile(run);
            } else if (request instanceof DailySyncScheduleChanged schedule) {
                boolean stored = state.dailySync(schedule.tenant(), schedule.courseId(), schedule.enabled(),
                        schedule.sourceVersion());
                Log.infof("daily sync of course %s/%s %s (version %d)%s", schedule.tenant(), schedule.courseId(),
                        schedule.enabled() ? "on" : "off", schedule.sourceVersion(),
                        stored ? "" : " ignored as stale");
            }
            state.markProcessed(request.eventId());
        }
    }
}
