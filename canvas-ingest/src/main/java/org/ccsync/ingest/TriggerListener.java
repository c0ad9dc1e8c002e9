package org.ccsync.ingest;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.SnapshotReader.AssignmentSnapshot;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns each Live Event trigger into a REST re-read and publishes the snapshots on canvas-changes, in order:
 * the roster when unknown, stale or changed, then the assignment when it changed or was never published, then its
 * graded scores. A grade does not change its assignment, so a score trigger costs one {@code students/submissions}
 * call once the assignment is known (event-less assignment changes are the poller's job).
 *
 * <p>Triggers coalesce: every re-read records when it began, and a trigger whose event happened before a re-read
 * of the same scope began is already covered and skipped; a young trigger first waits out a short window so that
 * one re-read covers the rest of its burst.
 */
@ApplicationScoped
public class TriggerListener {

    private final SnapshotReader reader;
    private final ChangePublisher changes;
    private final OutcomePublisher outcomes;
    private final IngestStateRepository state;
    private final IngestConfig config;

    public TriggerListener(SnapshotReader reader, ChangePublisher changes, OutcomePublisher outcomes,
            IngestStateRepository state, IngestConfig config) {
        this.reader = reader;
        this.changes = changes;
        this.outcomes = outcomes;
        this.state = state;
        this.config = config;
    }

    @Incoming(Topics.CANVAS_TRIGGERS)
    @Blocking
    @Retry(maxRetries = 2, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = CanvasUnavailableException.class)
    public void on(CanvasEventReceived trigger) {
        if (trigger == null || trigger.eventId() == null || trigger.tenant() == null || trigger.courseId() == null
                || trigger.scope() == null) {
            throw new IllegalArgumentException("a trigger without event id, tenant, course or scope");
        }
        if (state.isProcessed(trigger.eventId())) {
            Log.infof("skipping duplicate event %s", trigger.eventId());
            return;
        }
        try {
            reread(trigger);
        } catch (CanvasTokenRejectedException e) {
            Log.errorf("Canvas token of district %s rejected; trigger %s not synced", trigger.tenant(),
                    trigger.eventId());
            outcomes.publish(tokenRejected(trigger, e.getMessage()));
        }
        // Marked only after the snapshots are acknowledged: a crash in between re-reads once more, and the
        // deterministic snapshot ids let downstream drop the repeats.
        state.markProcessed(trigger.eventId());
    }

    private void reread(CanvasEventReceived trigger) {
        String tenant = trigger.tenant();
        String courseId = trigger.courseId();
        Instant eventTime = Instant.ofEpochMilli(trigger.sourceVersion());
        waitOutBurst(eventTime);
        Instant readStart = Instant.now();
        Optional<CourseState> course = state.course(tenant, courseId);
        Instant rosterReadAt = course.map(c -> c.rosterReadAt).map(t -> t.toInstant()).orElse(null);

        Optional<AssignmentState> known = trigger.assignmentId() == null ? Optional.empty()
                : state.assignment(tenant, courseId, trigger.assignmentId());
        Instant scoresReadAt = known.map(a -> a.readAt).map(t -> t.toInstant()).orElse(null);
        Instant assignmentReadAt = known.map(a -> a.assignmentReadAt).map(t -> t.toInstant()).orElse(null);
        if (trigger.scope() == ChangeScope.ROSTER && covered(rosterReadAt, eventTime)
                || trigger.scope() == ChangeScope.ASSIGNMENT_GROUP && covered(
                        course.map(c -> c.assignmentsReadAt).map(t -> t.toInstant()).orElse(null), eventTime)
                || trigger.scope() == ChangeScope.ASSIGNMENT && covered(assignmentReadAt, eventTime)
                || trigger.scope() == ChangeScope.SCORE && covered(scoresReadAt, eventTime)) {
            Log.infof("trigger %s (%s) is covered by a later re-read of course %s/%s", trigger.eventId(),
                    trigger.eventName(), tenant, courseId);
            return;
        }

        List<RosterChanged.Section> sections = null;
        if (trigger.scope() == ChangeScope.ROSTER || rosterReadAt == null
                || rosterReadAt.isBefore(readStart.minus(config.triggers().rosterMaxAge()))) {
            RosterChanged roster = reader.readRoster(tenant, courseId);
            changes.publish(roster);
            state.rosterRead(tenant, courseId, readStart);
            sections = roster.sections();
        }
        switch (trigger.scope()) {
            case ASSIGNMENT, SCORE -> {
                boolean unknownAssignment = known.map(a -> a.contentHash).isEmpty();
                if (trigger.scope() == ChangeScope.ASSIGNMENT || unknownAssignment) {
                    if (sections == null) {
                        sections = reader.readSections(tenant, courseId);
                    }
                    AssignmentSnapshot assignment = reader.readAssignment(tenant, courseId, trigger.assignmentId(),
                            sections, trigger.sourceVersion());
                    changes.publish(assignment.change());
                    state.assignmentRead(tenant, courseId, trigger.assignmentId(), readStart,
                            assignment.contentHash());
                    if (SnapshotReader.DELETED.equals(assignment.contentHash())) {
                        return;
                    }
                } else if (SnapshotReader.DELETED.equals(known.get().contentHash)) {
                    return;
                }
                List<ScoreChanged> scores = reader.readScores(tenant, courseId, List.of(trigger.assignmentId()));
                scores.forEach(changes::publish);
                state.scoresRead(tenant, courseId, trigger.assignmentId(), readStart);
            }
            case ASSIGNMENT_GROUP -> {
                if (sections == null) {
                    sections = reader.readSections(tenant, courseId);
                }
                for (AssignmentSnapshot assignment : reader.readAssignments(tenant, courseId, sections)) {
                    changes.publish(assignment.change());
                    state.assignmentRead(tenant, courseId, assignment.change().assignmentId(), readStart,
                            assignment.contentHash());
                }
                state.assignmentsRead(tenant, courseId, readStart);
            }
            case ROSTER -> {
                // The roster was re-read above.
            }
        }
    }

    /** A re-read that began after the event (less the clock-skew allowance) already reflects it. */
    private boolean covered(Instant readAt, Instant eventTime) {
        return readAt != null && !eventTime.isAfter(readAt.minus(config.triggers().clockSkew()));
    }

    private void waitOutBurst(Instant eventTime) {
        Duration window = config.triggers().coalesceWindow();
        Duration wait = Duration.between(Instant.now(), eventTime.plus(window));
        if (wait.isNegative() || wait.isZero() || window.isZero()) {
            return;
        }
        try {
            Thread.sleep(Math.min(wait.toMillis(), window.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ItemFailed tokenRejected(CanvasEventReceived trigger, String message) {
        return new ItemFailed(
                EventIds.of("item-failed", trigger.tenant(), trigger.courseId(), "canvas_token_rejected",
                        trigger.eventId()),
                Instant.now(), trigger.tenant(), trigger.courseId(), trigger.sourceVersion(),
                new ItemRef(ItemKind.COURSE, trigger.assignmentId(), null, null, null, null),
                "canvas_token_rejected", message, false);
    }
}
