package org.ccsync.ingest.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.ingest.domain.AssignmentReader.AssignmentSnapshot;
import org.ccsync.ingest.outbound.ChangePublisher;
import org.ccsync.ingest.outbound.canvas.CanvasUnavailableException;
import org.ccsync.ingest.persistence.AssignmentState;
import org.ccsync.ingest.persistence.CourseState;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.support.PipelineStages;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Re-reads what a group of triggers of one course needs and publishes the snapshots on canvas-changes, in order:
 * the roster when asked for, unknown or stale, then the assignments that changed or were never published, then the
 * scores of every published assignment the group touches in one {@code students/submissions} call (Canvas refuses a
 * call that names an unpublished one, so those are left out, and a refusal splits the call instead of failing it).
 *
 * <p>A trigger whose event happened before a re-read of the same scope began is already covered and skipped; the
 * {@link CourseCoalescer} decides which triggers form a group.
 */
@ApplicationScoped
public class TriggerRereader {

    private final RosterReader rosterReader;
    private final AssignmentReader assignmentReader;
    private final ScoreReader scoreReader;
    private final ChangePublisher changes;
    private final IngestStateRepository state;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public TriggerRereader(RosterReader rosterReader, AssignmentReader assignmentReader, ScoreReader scoreReader,
            ChangePublisher changes, IngestStateRepository state,
            IngestConfig config, IngestMetrics metrics) {
        this.rosterReader = rosterReader;
        this.assignmentReader = assignmentReader;
        this.scoreReader = scoreReader;
        this.changes = changes;
        this.state = state;
        this.config = config;
        this.metrics = metrics;
    }

    /** Re-reads for triggers that all belong to one course of one district, in their topic order. */
    @Retry(maxRetries = 2, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = CanvasUnavailableException.class)
    public void reread(String tenant, String courseId, List<CanvasEventReceived> triggers) {
        Instant readStart = Instant.now();
        Optional<CourseState> course = state.course(tenant, courseId);
        Instant rosterReadAt = course.map(c -> c.rosterReadAt).map(t -> t.toInstant()).orElse(null);
        Instant assignmentsReadAt = course.map(c -> c.assignmentsReadAt).map(t -> t.toInstant()).orElse(null);

        boolean roster = false;
        boolean allAssignments = false;
        Set<String> assignments = new LinkedHashSet<>();
        Set<String> scores = new LinkedHashSet<>();
        Map<String, Optional<AssignmentState>> known = new HashMap<>();
        for (CanvasEventReceived trigger : triggers) {
            Instant eventTime = Instant.ofEpochMilli(trigger.sourceVersion());
            Optional<AssignmentState> assignment = trigger.assignmentId() == null ? Optional.empty()
                    : known.computeIfAbsent(trigger.assignmentId(), id -> state.assignment(tenant, courseId, id));
            boolean covered = switch (trigger.scope()) {
                case ROSTER -> covered(rosterReadAt, eventTime);
                case ASSIGNMENT_GROUP -> covered(assignmentsReadAt, eventTime);
                case ASSIGNMENT -> covered(assignment.map(a -> a.assignmentReadAt).map(t -> t.toInstant())
                        .orElse(null), eventTime);
                case SCORE -> covered(assignment.map(a -> a.readAt).map(t -> t.toInstant()).orElse(null),
                        eventTime);
            };
            if (covered) {
                Log.infof("trigger %s (%s) is covered by a later re-read of course %s/%s", trigger.eventId(),
                        trigger.eventName(), tenant, courseId);
                continue;
            }
            switch (trigger.scope()) {
                case ROSTER -> roster = true;
                case ASSIGNMENT_GROUP -> allAssignments = true;
                case ASSIGNMENT -> {
                    assignments.add(trigger.assignmentId());
                    scores.add(trigger.assignmentId());
                }
                case SCORE -> {
                    scores.add(trigger.assignmentId());
                    if (assignment.map(a -> a.contentHash).isEmpty()) {
                        assignments.add(trigger.assignmentId());
                    }
                }
            }
        }
        if (!roster && !allAssignments && scores.isEmpty()) {
            return;
        }

        List<RosterChanged.Section> sections = null;
        if (roster || rosterReadAt == null
                || rosterReadAt.isBefore(readStart.minus(config.triggers().rosterMaxAge()))) {
            RosterChanged read = rosterReader.readRoster(tenant, courseId);
            changes.publish(read);
            state.rosterRead(tenant, courseId, readStart);
            sections = read.sections();
        }
        Map<String, String> hashes = new HashMap<>();
        Map<String, Boolean> readable = new HashMap<>();
        if (allAssignments) {
            if (sections == null) {
                sections = rosterReader.readSections(tenant, courseId);
            }
            for (AssignmentSnapshot assignment : assignmentReader.readAssignments(tenant, courseId, sections)) {
                publish(tenant, courseId, assignment, readStart);
                hashes.put(assignment.change().assignmentId(), assignment.contentHash());
                readable.put(assignment.change().assignmentId(), assignment.scoresReadable());
            }
            state.assignmentsRead(tenant, courseId, readStart);
        }
        for (String assignmentId : assignments) {
            if (hashes.containsKey(assignmentId) && !AssignmentReader.DELETED.equals(hashes.get(assignmentId))) {
                continue;
            }
            if (sections == null) {
                sections = rosterReader.readSections(tenant, courseId);
            }
            AssignmentSnapshot assignment = assignmentReader.readAssignment(tenant, courseId, assignmentId, sections,
                    latestVersion(triggers, assignmentId));
            publish(tenant, courseId, assignment, readStart);
            hashes.put(assignmentId, assignment.contentHash());
            readable.put(assignmentId, assignment.scoresReadable());
        }

        // Canvas's students/submissions serves published assignments only and refuses the whole request (403) when
        // it names another: a draft created in the middle of a grading burst must not cost the burst its scores.
        List<String> scored = new ArrayList<>();
        for (String assignmentId : scores) {
            Boolean servable = readable.containsKey(assignmentId) ? readable.get(assignmentId)
                    : Optional.ofNullable(known.get(assignmentId)).flatMap(k -> k).map(a -> a.published)
                            .orElse(null);
            String hash = hashes.containsKey(assignmentId) ? hashes.get(assignmentId)
                    : Optional.ofNullable(known.get(assignmentId)).flatMap(k -> k).map(a -> a.contentHash)
                            .orElse(null);
            if (AssignmentReader.DELETED.equals(hash) || Boolean.FALSE.equals(servable)) {
                Log.infof("assignment %s/%s is not published in Canvas; its scores are not read", courseId,
                        assignmentId);
                continue;
            }
            scored.add(assignmentId);
        }
        if (scored.isEmpty()) {
            return;
        }
        // Canvas takes several assignment_ids[] at once: one paginated call for the whole burst of the course.
        ScoreReader.ScoreRead read = scoreReader.readScoresOf(tenant, courseId, scored);
        changes.publishAll(read.scores());
        recordGradesReached(read.scores(), triggers);
        for (String assignmentId : scored) {
            if (!read.refused().contains(assignmentId)) {
                state.scoresRead(tenant, courseId, assignmentId, readStart);
            }
        }
        for (String assignmentId : read.refused()) {
            // Unpublished (or deleted) since we last read it: read it again so its snapshot says so.
            Log.infof("Canvas refused the scores of assignment %s/%s (not published); re-reading the assignment",
                    courseId, assignmentId);
            if (sections == null) {
                sections = rosterReader.readSections(tenant, courseId);
            }
            publish(tenant, courseId, assignmentReader.readAssignment(tenant, courseId, assignmentId, sections,
                    latestVersion(triggers, assignmentId)), readStart);
        }
    }

    /** The latency breakdown's snapshot stage: the published snapshots of the submissions the triggers named. */
    private void recordGradesReached(List<ScoreChanged> sent, List<CanvasEventReceived> triggers) {
        Set<String> named = new HashSet<>();
        triggers.forEach(t -> named.add(t.assignmentId() + "/" + t.userId()));
        sent.stream().filter(s -> s.gradedAt() != null && named.contains(s.assignmentId() + "/" + s.userId()))
                .forEach(s -> metrics.stage(PipelineStages.SNAPSHOT_PUBLISHED, s.gradedAt().toEpochMilli()));
    }

    private void publish(String tenant, String courseId, AssignmentSnapshot assignment, Instant readStart) {
        changes.publish(assignment.change());
        state.assignmentRead(tenant, courseId, assignment.change().assignmentId(), readStart,
                assignment.contentHash(), assignment.scoresReadable());
    }

    private static long latestVersion(List<CanvasEventReceived> triggers, String assignmentId) {
        return triggers.stream().filter(t -> assignmentId.equals(t.assignmentId()))
                .mapToLong(CanvasEventReceived::sourceVersion).max()
                .orElseGet(() -> triggers.stream().mapToLong(CanvasEventReceived::sourceVersion).max().orElseThrow());
    }

    /** A re-read that began after the event (less the clock-skew allowance) already reflects it. */
    private boolean covered(Instant readAt, Instant eventTime) {
        return readAt != null && !eventTime.isAfter(readAt.minus(config.triggers().clockSkew()));
    }
}
