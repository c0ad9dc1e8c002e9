package org.ccsync.ingest;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Handles status-service's requests: a "sync now" reconciles a whole course from Canvas REST and reports the
 * run's stages on sync-outcomes; a daily-schedule change is stored per course, newest version wins.
 */
@ApplicationScoped
public class SyncRequestListener {

    private final SnapshotReader reader;
    private final ChangePublisher changes;
    private final OutcomePublisher outcomes;
    private final IngestStateRepository state;

    public SyncRequestListener(SnapshotReader reader, ChangePublisher changes, OutcomePublisher outcomes,
            IngestStateRepository state) {
        this.reader = reader;
        this.changes = changes;
        this.outcomes = outcomes;
        this.state = state;
    }

    @Incoming(Topics.SYNC_REQUESTS)
    @Blocking
    public void on(SyncRequest request) {
        if (request == null || request.eventId() == null || request.tenant() == null || request.courseId() == null) {
            throw new IllegalArgumentException("a sync request without event id, tenant or course");
        }
        if (state.isProcessed(request.eventId())) {
            Log.infof("skipping duplicate event %s", request.eventId());
            return;
        }
        if (request instanceof SyncRequested run) {
            reconcile(run);
        } else if (request instanceof DailySyncScheduleChanged schedule) {
            boolean stored = state.dailySync(schedule.tenant(), schedule.courseId(), schedule.enabled(),
                    schedule.sourceVersion());
            Log.infof("daily sync of course %s/%s %s (version %d)%s", schedule.tenant(), schedule.courseId(),
                    schedule.enabled() ? "on" : "off", schedule.sourceVersion(), stored ? "" : " ignored as stale");
        }
        state.markProcessed(request.eventId());
    }

    private void reconcile(SyncRequested run) {
        Progress progress = new Progress(run);
        progress.report("REQUESTED", "Sync requested by " + run.requestedBy() + ".");
        progress.report("READING_CANVAS", "Reading the course from Canvas.");
        String tenant = run.tenant();
        String courseId = run.courseId();
        try {
            Instant readStart = Instant.now();
            RosterChanged roster = reader.readRoster(tenant, courseId);
            changes.publish(roster);
            state.rosterRead(tenant, courseId, readStart);
            List<AssignmentChanged> assignments = reader.readAssignments(tenant, courseId, roster.sections());
            for (AssignmentChanged assignment : assignments) {
                changes.publish(assignment);
                progress.assignments++;
            }
            List<ScoreChanged> scores = reader.readScores(tenant, courseId, List.of());
            Instant latestGraded = null;
            for (ScoreChanged score : scores) {
                changes.publish(score);
                progress.scores++;
                if (score.gradedAt() != null && (latestGraded == null || score.gradedAt().isAfter(latestGraded))) {
                    latestGraded = score.gradedAt();
                }
            }
            for (AssignmentChanged assignment : assignments) {
                state.assignmentRead(tenant, courseId, assignment.assignmentId(), readStart);
            }
            state.assignmentsRead(tenant, courseId, readStart);
            if (latestGraded != null) {
                state.gradedSeen(tenant, courseId, latestGraded);
            }
            state.fullSyncDone(tenant, courseId, readStart);
            progress.report("PUBLISHED", "Published the roster, " + progress.assignments + " assignments and "
                    + progress.scores + " scores.");
        } catch (CanvasTokenRejectedException e) {
            Log.errorf("Canvas token of district %s rejected; sync run %s failed", tenant, run.runId());
            outcomes.publish(new ItemFailed(
                    EventIds.of("item-failed", tenant, courseId, "canvas_token_rejected", run.eventId()),
                    Instant.now(), tenant, courseId, run.sourceVersion(),
                    new ItemRef(ItemKind.COURSE, null, null, null, null, null), "canvas_token_rejected",
                    e.getMessage(), false));
            progress.report("FAILED", e.getMessage());
        } catch (CanvasUnavailableException | CanvasRequestException | CanvasNotFoundException e) {
            Log.warnf("sync run %s of course %s/%s failed: %s", run.runId(), tenant, courseId, e.getMessage());
            progress.report("FAILED", e.getMessage());
        }
    }

    /** The stages of one run, with strictly increasing versions so the latest stage always wins. */
    private final class Progress {

        private final SyncRequested run;
        private long lastVersion;
        int assignments;
        int scores;

        Progress(SyncRequested run) {
            this.run = run;
        }

        void report(String stage, String message) {
            lastVersion = Math.max(lastVersion + 1, System.currentTimeMillis());
            outcomes.publish(new SyncRunProgressed(
                    EventIds.of("sync-run", run.tenant(), run.courseId(), run.runId(), stage), Instant.now(),
                    run.tenant(), run.courseId(), lastVersion, run.runId(), run.trigger(), run.requestedBy(), stage,
                    assignments, scores, message));
        }
    }
}
