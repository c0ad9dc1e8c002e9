package org.ccsync.ingest.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.ingest.domain.AssignmentReader.AssignmentSnapshot;
import org.ccsync.ingest.outbound.ChangePublisher;
import org.ccsync.ingest.outbound.OutcomePublisher;
import org.ccsync.ingest.outbound.canvas.CanvasNotFoundException;
import org.ccsync.ingest.outbound.canvas.CanvasRequestException;
import org.ccsync.ingest.outbound.canvas.CanvasTokenRejectedException;
import org.ccsync.ingest.outbound.canvas.CanvasUnavailableException;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.platform.IngestMetrics;

/**
 * Fully reconciles one course from Canvas REST (roster, every assignment, every score) and reports the run's stages
 * on sync-outcomes; shared by "sync now" and the daily schedule.
 */
@ApplicationScoped
public class ReconciliationService {

    private final RosterReader rosterReader;
    private final AssignmentReader assignmentReader;
    private final ScoreReader scoreReader;
    private final ChangePublisher changes;
    private final OutcomePublisher outcomes;
    private final IngestStateRepository state;
    private final IngestMetrics metrics;
    private final MissingCourses missing;

    public ReconciliationService(RosterReader rosterReader, AssignmentReader assignmentReader,
            ScoreReader scoreReader, ChangePublisher changes, OutcomePublisher outcomes,
            IngestStateRepository state, IngestMetrics metrics, MissingCourses missing) {
        this.rosterReader = rosterReader;
        this.assignmentReader = assignmentReader;
        this.scoreReader = scoreReader;
        this.changes = changes;
        this.outcomes = outcomes;
        this.state = state;
        this.metrics = metrics;
        this.missing = missing;
    }

    /** Runs the reconciliation; a Canvas failure ends the run as {@code FAILED}, it is never thrown. */
    public void reconcile(SyncRequested run) {
        Progress progress = new Progress(run);
        progress.report("REQUESTED", "Sync requested by " + run.requestedBy() + ".");
        progress.report("READING_CANVAS", "Reading the course from Canvas.");
        String tenant = run.tenant();
        String courseId = run.courseId();
        try {
            Instant readStart = Instant.now();
            RosterChanged roster = rosterReader.readRoster(tenant, courseId);
            changes.publish(roster);
            state.rosterRead(tenant, courseId, readStart);
            List<AssignmentSnapshot> assignments = assignmentReader.readAssignments(tenant, courseId,
                    roster.sections());
            for (AssignmentSnapshot assignment : assignments) {
                changes.publish(assignment.change());
                progress.assignments++;
            }
            for (AssignmentSnapshot gone : AssignmentReader.deletedSince(tenant, courseId,
                    state.contentHashes(tenant, courseId), assignments.stream()
                            .map(a -> a.change().assignmentId()).toList(), readStart)) {
                changes.publish(gone.change());
                state.assignmentRead(tenant, courseId, gone.change().assignmentId(), readStart, gone.contentHash(),
                        false);
                progress.assignments++;
            }
            List<ScoreChanged> scores = scoreReader.readScores(tenant, courseId, List.of());
            for (ScoreChanged score : scores) {
                changes.publish(score);
                progress.scores++;
            }
            for (AssignmentSnapshot assignment : assignments) {
                String assignmentId = assignment.change().assignmentId();
                state.assignmentRead(tenant, courseId, assignmentId, readStart, assignment.contentHash(),
                        assignment.scoresReadable());
                state.scoresRead(tenant, courseId, assignmentId, readStart);
            }
            state.assignmentsRead(tenant, courseId, readStart);
            // Every score graded before the read began has been read: the poller goes on from there.
            Instant watermark = latest(readStart, scores);
            state.advanceWatermark(tenant, courseId, watermark);
            metrics.watermark(tenant, courseId, state.course(tenant, courseId)
                    .map(c -> c.gradedSince.toInstant()).orElse(watermark));
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
        } catch (CanvasNotFoundException e) {
            if (missing.reportIfGone(tenant, courseId, e)) {
                progress.report("FAILED", "Canvas answers 404 for this course: it was deleted, or the district's "
                        + "Canvas address or token no longer reaches it. Nothing is deleted in Infinite Campus; the "
                        + "deletes this would cause wait for a district admin on this page.");
            } else {
                Log.warnf("sync run %s of course %s/%s failed: %s", run.runId(), tenant, courseId, e.getMessage());
                progress.report("FAILED", e.getMessage());
            }
        } catch (CanvasUnavailableException | CanvasRequestException e) {
            Log.warnf("sync run %s of course %s/%s failed: %s", run.runId(), tenant, courseId, e.getMessage());
            progress.report("FAILED", e.getMessage());
        }
    }

    /** The later of the read's start and the latest {@code graded_at} read (Canvas's clock may run ahead). */
    public static Instant latest(Instant readStart, List<ScoreChanged> scores) {
        Instant latest = readStart;
        for (ScoreChanged score : scores) {
            if (score.gradedAt() != null && score.gradedAt().isAfter(latest)) {
                latest = score.gradedAt();
            }
        }
        return latest;
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
