package org.ccsync.eligibility.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.eligibility.outbound.EmissionPublisher;
import org.ccsync.eligibility.persistence.Assignment;
import org.ccsync.eligibility.persistence.SnapshotStore;
import org.ccsync.eligibility.platform.EligibilityConfig;
import org.ccsync.support.ProcessedEvents;

/**
 * Applies one canvas-changes snapshot in one transaction: stores it version-checked ({@link SnapshotStore}),
 * re-applies the rules to what it affects ({@link AssignmentEvaluator}) and adds the resulting IC commands and skip
 * outcomes to the outbox ({@link EmissionPublisher}), which sends them once the transaction commits.
 */
@ApplicationScoped
public class EligibilityService {

    private final ProcessedEvents processedEvents;
    private final SnapshotStore snapshots;
    private final EligibilityConfig config;
    private final AssignmentEvaluator evaluator;
    private final EmissionPublisher publisher;

    public EligibilityService(ProcessedEvents processedEvents, SnapshotStore snapshots, EligibilityConfig config,
            AssignmentEvaluator evaluator, EmissionPublisher publisher) {
        this.processedEvents = processedEvents;
        this.snapshots = snapshots;
        this.config = config;
        this.evaluator = evaluator;
        this.publisher = publisher;
    }

    /** Handles one snapshot; a duplicate event id changes nothing. Returns whether it was new. */
    @Transactional
    public boolean process(CanvasChange change) {
        if (!processedEvents.markProcessed(change.eventId())) {
            Log.infof("skipping duplicate event %s", change.eventId());
            return false;
        }
        Emissions out = new Emissions();
        if (change instanceof AssignmentChanged assignment) {
            onAssignment(assignment, out);
        } else if (change instanceof ScoreChanged score) {
            onScore(score, out);
        } else if (change instanceof RosterChanged roster) {
            onRoster(roster, out);
        }
        publisher.publish(change, out);
        return true;
    }

    private void onAssignment(AssignmentChanged change, Emissions out) {
        snapshots.storeAssignment(change).ifPresent(assignment ->
                evaluateCourse(change.tenant(), change.courseId(), assignment.assignmentId, out));
    }

    private void onScore(ScoreChanged change, Emissions out) {
        Optional<SnapshotStore.StoredScore> stored = snapshots.storeScore(change);
        if (stored.isEmpty()) {
            return;
        }
        CourseContext context = CourseContext.load(config, change.tenant(), change.courseId());
        if (context == null) {
            Log.debugf("course %s/%s has no roster yet; score %s waits for it", change.tenant(), change.courseId(),
                    change.eventId());
            return;
        }
        evaluator.evaluate(context, stored.get().assignment(), List.of(stored.get().score()), out);
    }

    private void onRoster(RosterChanged change, Emissions out) {
        if (snapshots.storeRoster(change)) {
            evaluateCourse(change.tenant(), change.courseId(), null, out);
        }
    }

    /**
     * Re-applies the rules to every assignment of the course: a rename or a roster change can change another
     * assignment's decision. Scores are re-sent for {@code changedAssignmentId} (all of them when null) and for
     * any assignment whose decision changed; the emitted-event ledger drops what was published before.
     */
    private void evaluateCourse(String tenant, String courseId, String changedAssignmentId, Emissions out) {
        CourseContext context = CourseContext.load(config, tenant, courseId);
        if (context == null) {
            Log.debugf("course %s/%s has no roster yet; its assignments wait for it", tenant, courseId);
            return;
        }
        for (Assignment assignment : context.assignments()) {
            boolean allScores = changedAssignmentId == null || changedAssignmentId.equals(assignment.assignmentId);
            evaluator.evaluate(context, assignment, allScores ? null : List.of(), out);
        }
    }

}
