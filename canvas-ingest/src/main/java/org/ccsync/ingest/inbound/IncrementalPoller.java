package org.ccsync.ingest.inbound;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.ingest.domain.AssignmentReader.AssignmentSnapshot;
import org.ccsync.ingest.domain.AssignmentReader;
import org.ccsync.ingest.domain.MissingCourses;
import org.ccsync.ingest.domain.ReconciliationService;
import org.ccsync.ingest.domain.RosterReader;
import org.ccsync.ingest.domain.ScoreReader;
import org.ccsync.ingest.outbound.ChangePublisher;
import org.ccsync.ingest.outbound.OutcomePublisher;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels;
import org.ccsync.ingest.outbound.canvas.CanvasNotFoundException;
import org.ccsync.ingest.outbound.canvas.CanvasTokenRejectedException;
import org.ccsync.ingest.persistence.CourseState;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.persistence.SchedulerLease;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.support.LogContext;

/**
 * Polls every course enabled for sync, on one replica at a time: the submissions graded since the course's
 * watermark (less a skew) and an assignments check, publishing what changed without reaching us as a Live Event.
 *
 * <p>{@code graded_since} catches grading, excusing, late/missing changes and the missing-policy zeros; the
 * assignments check (a content hash per assignment) catches the bulk {@code post_to_sis} change. Posting hidden
 * grades moves {@code posted_at}, not {@code graded_at}, so the poll does not see it: the {@code grade_change}
 * event Canvas sends with {@code muted:false} re-reads the assignment's scores, and a full reconciliation (sync now,
 * daily) catches a lost one.
 */
@ApplicationScoped
public class IncrementalPoller {

    static final String LEASE = "canvas-poll";

    private final IngestConfig config;
    private final CanvasClient canvas;
    private final RosterReader rosterReader;
    private final AssignmentReader assignmentReader;
    private final ScoreReader scoreReader;
    private final ChangePublisher changes;
    private final OutcomePublisher outcomes;
    private final IngestStateRepository state;
    private final SchedulerLease lease;
    private final IngestMetrics metrics;
    private final MissingCourses missing;
    private final Map<String, CourseList> courseLists = new ConcurrentHashMap<>();
    private final Set<String> rejectedTokens = ConcurrentHashMap.newKeySet();

    public IncrementalPoller(IngestConfig config, CanvasClient canvas, RosterReader rosterReader,
            AssignmentReader assignmentReader, ScoreReader scoreReader, ChangePublisher changes,
            OutcomePublisher outcomes, IngestStateRepository state, SchedulerLease lease, IngestMetrics metrics,
            MissingCourses missing) {
        this.config = config;
        this.canvas = canvas;
        this.rosterReader = rosterReader;
        this.assignmentReader = assignmentReader;
        this.scoreReader = scoreReader;
        this.changes = changes;
        this.outcomes = outcomes;
        this.state = state;
        this.lease = lease;
        this.metrics = metrics;
        this.missing = missing;
    }

    /** A district's published courses as last listed. */
    private record CourseList(List<String> courseIds, Instant readAt) {
    }

    /** What one course poll published. */
    public record CoursePoll(int assignments, int scores, boolean rosterRead, Instant watermark) {
    }

    /** The scheduled job: every district, each course, under the poll lease. */
    @Scheduled(identity = "canvas-poll", every = "${ccsync.poll.interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void poll() {
        boolean ran = lease.runExclusively(LEASE, held -> {
            for (String tenant : config.districts().keySet()) {
                if (!held.getAsBoolean()) {
                    return;
                }
                pollDistrict(tenant, held);
            }
        });
        if (!ran) {
            // Another replica polls; show the watermarks it stores, so this replica's gauges do not go stale.
            state.watermarks(config.districts().keySet()).forEach((course, watermark) ->
                    metrics.watermark(course.tenant(), course.courseId(), watermark));
        }
    }

    /** Polls each course of the district enabled for sync; a failing course is logged and the next one polled. */
    public void pollDistrict(String tenant, BooleanSupplier held) {
        try (LogContext ignored = LogContext.open(tenant, null, null)) {
            pollCourses(tenant, held);
        }
    }

    private void pollCourses(String tenant, BooleanSupplier held) {
        List<String> courseIds;
        try {
            courseIds = coursesToSync(tenant);
        } catch (CanvasTokenRejectedException e) {
            tokenRejected(tenant, null, e);
            return;
        } catch (RuntimeException e) {
            Log.warnf("cannot list the courses of district %s to poll: %s", tenant, e.getMessage());
            return;
        }
        for (String courseId : courseIds) {
            if (!held.getAsBoolean()) {
                return;
            }
            try (LogContext ignored = LogContext.open(tenant, courseId, null)) {
                pollCourse(tenant, courseId);
            } catch (CanvasTokenRejectedException e) {
                tokenRejected(tenant, courseId, e);
                return;
            } catch (CanvasNotFoundException e) {
                if (!missing.reportIfGone(tenant, courseId, e)) {
                    Log.warnf("poll of course %s/%s failed: %s", tenant, courseId, e.getMessage());
                }
            } catch (RuntimeException e) {
                // An unparseable or failing answer was already retried by the client; the watermark stays, so the
                // next poll asks again.
                Log.warnf("poll of course %s/%s failed: %s", tenant, courseId, e.getMessage());
            }
        }
    }

    /**
     * One course: the assignments check, then the scores graded since the watermark less the skew, with the
     * roster and assignments the scores need published first; then the watermark moves to the poll's start.
     */
    public CoursePoll pollCourse(String tenant, String courseId) {
        Instant pollStart = Instant.now();
        Optional<CourseState> course = state.course(tenant, courseId);
        Instant watermark = course.map(c -> c.gradedSince).map(t -> t.toInstant()).orElse(null);
        Instant gradedSince = watermark != null ? watermark.minus(config.poll().skew())
                : pollStart.minus(config.poll().initialLookback());

        List<Assignment> listed = canvas.assignments(tenant, courseId);
        Map<String, String> known = state.contentHashes(tenant, courseId);
        List<Assignment> changed = listed.stream()
                .filter(a -> !AssignmentReader.contentHash(a).equals(known.get(a.id())))
                .toList();
        List<AssignmentSnapshot> deleted = AssignmentReader.deletedSince(tenant, courseId, known,
                listed.stream().map(Assignment::id).toList(), pollStart);
        List<ScoreChanged> scores = scoreReader.readScoresGradedSince(tenant, courseId, gradedSince);

        boolean publishing = !changed.isEmpty() || !deleted.isEmpty() || !scores.isEmpty();
        List<RosterChanged.Section> sections = null;
        boolean rosterRead = false;
        Instant rosterReadAt = course.map(c -> c.rosterReadAt).map(t -> t.toInstant()).orElse(null);
        if (publishing && (rosterReadAt == null
                || rosterReadAt.isBefore(pollStart.minus(config.triggers().rosterMaxAge())))) {
            RosterChanged roster = rosterReader.readRoster(tenant, courseId);
            changes.publish(roster);
            state.rosterRead(tenant, courseId, pollStart);
            sections = roster.sections();
            rosterRead = true;
        }
        List<AssignmentSnapshot> snapshots = new ArrayList<>();
        if (!changed.isEmpty()) {
            if (sections == null) {
                sections = rosterReader.readSections(tenant, courseId);
            }
            snapshots.addAll(assignmentReader.toSnapshots(tenant, courseId, changed, sections));
        }
        snapshots.addAll(deleted);
        for (AssignmentSnapshot snapshot : snapshots) {
            changes.publish(snapshot.change());
        }
        state.storeContentHashes(tenant, courseId, snapshots);
        scores.forEach(changes::publish);

        Instant next = ReconciliationService.latest(pollStart, scores);
        state.advanceWatermark(tenant, courseId, next);
        Instant stored = watermark != null && watermark.isAfter(next) ? watermark : next;
        metrics.watermark(tenant, courseId, stored);
        rejectedTokens.remove(tenant);
        if (!snapshots.isEmpty() || !scores.isEmpty()) {
            Log.infof("poll of course %s/%s published %d assignments and %d scores graded since %s", tenant,
                    courseId, snapshots.size(), scores.size(), gradedSince);
        }
        return new CoursePoll(snapshots.size(), scores.size(), rosterRead, stored);
    }

    /** The configured courses, or the account's published courses (listed again after a while). */
    public List<String> coursesToSync(String tenant) {
        List<String> configured = config.districts().get(tenant).courses().orElse(List.of());
        if (!configured.isEmpty()) {
            return configured;
        }
        CourseList cached = courseLists.get(tenant);
        Instant now = Instant.now();
        if (cached == null || cached.readAt().isBefore(now.minus(config.poll().courseListMaxAge()))) {
            cached = new CourseList(canvas.publishedCourses(tenant).stream().map(CanvasModels.Course::id).toList(),
                    now);
            courseLists.put(tenant, cached);
        }
        return cached.courseIds();
    }

    /**
     * Reports a rejected token to status-service once, with the course it stopped at, until it works again;
     * a district whose course list cannot be read has no course to report, so only the log and the
     * {@code ccsync.canvas.token.valid} gauge show it.
     */
    private void tokenRejected(String tenant, String courseId, CanvasTokenRejectedException e) {
        if (courseId == null) {
            Log.errorf("Canvas token of district %s rejected listing its courses; poll skipped", tenant);
            return;
        }
        if (!rejectedTokens.add(tenant)) {
            Log.debugf("Canvas token of district %s still rejected; poll skipped", tenant);
            return;
        }
        Log.errorf("Canvas token of district %s rejected; each poll stops at its first call until it works again",
                tenant);
        long now = System.currentTimeMillis();
        outcomes.publish(new ItemFailed(EventIds.of("item-failed", tenant, courseId, "canvas_token_rejected",
                "poll", now), Instant.now(), tenant, courseId, now,
                new ItemRef(ItemKind.COURSE, null, null, null, null, null), "canvas_token_rejected", e.getMessage(),
                false));
    }
}
