package org.ccsync.ingest;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.Topics;
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

    @Incoming(Topics.SYNC_REQUESTS)
    @Blocking
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
