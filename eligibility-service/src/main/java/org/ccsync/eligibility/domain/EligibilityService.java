package org.ccsync.eligibility.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.eligibility.platform.EligibilityConfig.IneligibleAction;
import org.ccsync.eligibility.domain.EligibilityRules.Decision;
import org.ccsync.eligibility.domain.EligibilityRules.Target;
import org.ccsync.eligibility.outbound.CampusWritePublisher;
import org.ccsync.eligibility.outbound.SyncOutcomePublisher;
import org.ccsync.eligibility.persistence.Assignment;
import org.ccsync.eligibility.persistence.Course;
import org.ccsync.eligibility.persistence.CourseSection;
import org.ccsync.eligibility.persistence.EventLedgerRepository;
import org.ccsync.eligibility.persistence.GradingPeriod;
import org.ccsync.eligibility.persistence.Score;
import org.ccsync.eligibility.persistence.ScoreColumns;
import org.ccsync.eligibility.persistence.SnapshotStore;
import org.ccsync.eligibility.persistence.StudentEnrollment;
import org.ccsync.eligibility.platform.EligibilityConfig;
import org.ccsync.eligibility.platform.EligibilityMetrics;
import org.ccsync.support.ProcessedEvents;

/**
 * Applies one canvas-changes snapshot in one transaction: stores it version-checked ({@link SnapshotStore}),
 * re-applies the rules to what it affects and adds the resulting IC commands and skip outcomes to the outbox, which
 * sends them once the transaction commits.
 */
@ApplicationScoped
public class EligibilityService {

    private final ProcessedEvents processedEvents;
    private final SnapshotStore snapshots;
    private final EventLedgerRepository ledger;
    private final EligibilityConfig config;
    private final CampusWritePublisher writePublisher;
    private final SyncOutcomePublisher outcomePublisher;
    private final Event<EligibilityMetrics.Published> published;

    public EligibilityService(ProcessedEvents processedEvents, SnapshotStore snapshots, EventLedgerRepository ledger,
            EligibilityConfig config,
            CampusWritePublisher writePublisher, SyncOutcomePublisher outcomePublisher,
            Event<EligibilityMetrics.Published> published) {
        this.processedEvents = processedEvents;
        this.snapshots = snapshots;
        this.ledger = ledger;
        this.config = config;
        this.writePublisher = writePublisher;
        this.outcomePublisher = outcomePublisher;
        this.published = published;
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
        publish(change, out);
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
        CourseContext context = loadContext(change.tenant(), change.courseId());
        if (context == null) {
            Log.debugf("course %s/%s has no roster yet; score %s waits for it", change.tenant(), change.courseId(),
                    change.eventId());
            return;
        }
        evaluateAssignment(context, stored.get().assignment(), List.of(stored.get().score()), out);
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
        CourseContext context = loadContext(tenant, courseId);
        if (context == null) {
            Log.debugf("course %s/%s has no roster yet; its assignments wait for it", tenant, courseId);
            return;
        }
        for (Assignment assignment : context.assignments()) {
            boolean allScores = changedAssignmentId == null || changedAssignmentId.equals(assignment.assignmentId);
            evaluateAssignment(context, assignment, allScores ? null : List.of(), out);
        }
    }

    /**
     * Applies the rules to one assignment and emits its commands.
     *
     * @param scores the scores to send, or null for every stored score of the assignment
     */
    private void evaluateAssignment(CourseContext context, Assignment assignment, List<? extends ScoreColumns> scores,
            Emissions out) {
        Instant now = Instant.now();
        Decision decision = EligibilityRules.evaluate(assignment.toFacts(), context.facts(), context.policy());
        boolean changed = !decision.code().equals(assignment.decision);
        assignment.decision = decision.code();
        if (!decision.eligible()) {
            IneligibleAction action = switch (decision.reason()) {
                case DELETED -> IneligibleAction.DELETE;
                case COURSE_CONCLUDED -> IneligibleAction.KEEP;
                case COURSE_NOT_FOUND -> IneligibleAction.DELETE;
                default -> context.district().ineligibleAction();
            };
            out.outcome(assignment, CommandFactory.assignmentSkipped(assignment, decision.reason(),
                    decision.causeVersion(), skipDetail(decision, context, assignment, action), now));
            removeClasses(assignment, assignment.syncedClasses, action, decision.code(), out, now);
            return;
        }
        for (EligibilityRules.SectionSkip skip : decision.sectionSkips()) {
            out.outcome(assignment, CommandFactory.lineItemSkipped(assignment, skip.section(), skip.reason(),
                    assignment.sourceVersion, now));
        }
        Set<String> targetLineItems = decision.targets().stream()
                .map(target -> CommandFactory.lineItemId(assignment, target.sisSectionId()))
                .collect(Collectors.toSet());
        List<Assignment.SyncedClass> dropped = assignment.syncedClasses.stream()
                .filter(synced -> !targetLineItems.contains(synced.lineItemSourcedId()))
                .toList();
        if (!dropped.isEmpty()) {
            for (Assignment.SyncedClass synced : dropped) {
                out.outcome(assignment, CommandFactory.lineItemSkipped(assignment,
                        new Target(synced.sectionId(), synced.classSourcedId(), null, null),
                        SkipReason.SECTION_NOT_TARGETED, assignment.sourceVersion, now));
            }
            removeClasses(assignment, dropped, context.district().ineligibleAction(),
                    SkipReason.SECTION_NOT_TARGETED.code(), out, now);
        }
        List<Assignment.SyncedClass> synced = new ArrayList<>(assignment.syncedClasses);
        for (Target target : decision.targets()) {
            UpsertLineItem lineItem = CommandFactory.upsertLineItem(assignment, target, now);
            out.write(assignment, lineItem);
            if (synced.stream().noneMatch(c -> c.lineItemSourcedId().equals(lineItem.lineItemSourcedId()))) {
                synced.add(new Assignment.SyncedClass(target.sectionId(), target.sisSectionId(),
                        lineItem.lineItemSourcedId()));
            }
        }
        assignment.syncedClasses = synced;
        List<? extends ScoreColumns> toSend = scores == null || changed
                ? Score.ofAssignment(assignment.tenant, assignment.courseId, assignment.assignmentId)
                : scores;
        for (ScoreColumns score : toSend) {
            emitScore(context, assignment, decision, score, out, now);
        }
    }

    private void removeClasses(Assignment assignment, List<Assignment.SyncedClass> classes, IneligibleAction action,
            String reasonCode, Emissions out, Instant now) {
        if (classes.isEmpty()) {
            return;
        }
        if (action == IneligibleAction.KEEP) {
            Log.infof("keeping %d IC lineItems of assignment %s/%s as last synced (%s)", classes.size(),
                    assignment.courseId, assignment.assignmentId, reasonCode);
            return;
        }
        for (Assignment.SyncedClass synced : classes) {
            out.write(assignment, CommandFactory.deleteLineItem(assignment, synced, reasonCode, now));
        }
        List<Assignment.SyncedClass> remaining = new ArrayList<>(assignment.syncedClasses);
        remaining.removeAll(classes);
        assignment.syncedClasses = remaining;
        // A new epoch gives a later re-sync fresh event ids, so consumers that drop seen ids do not drop it.
        assignment.syncEpoch++;
    }

    /**
     * Emits one score's command in each class: an upsert while it carries a grade (at most the points possible where
     * the district caps extra credit, with an outcome that says so), a delete once a grade it carried was cleared, a
     * skip with the reason otherwise. A student whose enrollment is inactive or concluded keeps what IC
     * holds; a change to their score is reported as skipped, never written or deleted.
     */
    private void emitScore(CourseContext context, Assignment assignment, Decision decision, ScoreColumns score,
            Emissions out, Instant now) {
        EligibilityRules.ScoreFacts facts = score.toFacts();
        boolean hasGrade = EligibilityRules.hasGrade(facts);
        if (!hasGrade && !score.everGraded) {
            return;
        }
        for (Target target : decision.targets()) {
            for (StudentEnrollment student : context.students(target.sectionId())) {
                if (!student.userId.equals(score.userId)) {
                    continue;
                }
                EligibilityRules.ResultScore sent = EligibilityRules.resultScore(facts, assignment.pointsPossible,
                        context.policy());
                if (!student.current()) {
                    if (hasGrade && hasText(student.sisUserId) && !wasPublished(CommandFactory.upsertResult(
                            assignment, target, score, sent.score(), student, now).eventId())) {
                        out.outcome(assignment, CommandFactory.resultSkipped(assignment, target, score, student,
                                SkipReason.ENROLLMENT_INACTIVE, now));
                    }
                    continue;
                }
                if (!hasGrade) {
                    if (hasText(student.sisUserId)) {
                        out.write(assignment, CommandFactory.deleteResult(assignment, target, score, student, now));
                    }
                    continue;
                }
                Optional<SkipReason> skip = EligibilityRules.resultReason(facts, student.sisUserId, context.policy());
                if (skip.isPresent()) {
                    out.outcome(assignment,
                            CommandFactory.resultSkipped(assignment, target, score, student, skip.get(), now));
                    continue;
                }
                out.write(assignment, CommandFactory.upsertResult(assignment, target, score, sent.score(), student,
                        now));
                if (sent.capped()) {
                    out.outcome(assignment,
                            CommandFactory.extraCreditCapped(assignment, target, score, student, now));
                }
            }
        }
    }

    private boolean wasPublished(String eventId) {
        return !ledger.alreadyEmitted(List.of(eventId)).isEmpty();
    }

    /**
     * The detail of an assignment's skip: the name limit, and whether lineItems synced before stay in IC (no longer
     * syncing) or are removed.
     */
    private static String skipDetail(Decision decision, CourseContext context, Assignment assignment,
            IneligibleAction action) {
        List<String> parts = new ArrayList<>();
        if (decision.reason() == SkipReason.NAME_TOO_LONG) {
            parts.add("limit " + context.policy().nameLengthLimit() + " characters");
        }
        int synced = assignment.syncedClasses.size();
        if (synced > 0) {
            parts.add(action == IneligibleAction.KEEP
                    ? "no longer syncing: its " + synced + (synced == 1 ? " lineItem stays" : " lineItems stay")
                            + " in Infinite Campus as last synced"
                    : decision.reason() == SkipReason.COURSE_NOT_FOUND
                            ? "deleting its " + synced + (synced == 1 ? " lineItem" : " lineItems")
                                    + " in Infinite Campus waits for a district admin"
                            : "its " + synced + (synced == 1 ? " lineItem is" : " lineItems are")
                                    + " removed from Infinite Campus");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private CourseContext loadContext(String tenant, String courseId) {
        Optional<Course> course = Course.byKey(tenant, courseId);
        if (course.isEmpty()) {
            return null;
        }
        EligibilityConfig.District district = config.district(tenant);
        List<Assignment> assignments = Assignment.ofCourse(tenant, courseId);
        EligibilityRules.CourseFacts facts = new EligibilityRules.CourseFacts(courseId,
                district.courseEnabled(courseId), course.get().concluded, course.get().published,
                course.get().notFound, course.get().publishedVersion,
                CourseSection.ofCourse(tenant, courseId).stream().map(CourseSection::toFacts).toList(),
                GradingPeriod.ofCourse(tenant, courseId).stream().map(GradingPeriod::toFacts).toList(),
                assignments.stream().map(Assignment::toFacts).toList());
        Map<String, List<StudentEnrollment>> bySection = StudentEnrollment.ofCourse(tenant, courseId).stream()
                .collect(Collectors.groupingBy(s -> s.sectionId, LinkedHashMap::new, Collectors.toList()));
        return new CourseContext(district, EligibilityRules.Policy.of(district), facts, assignments, bySection);
    }

    private void publish(CanvasChange change, Emissions out) {
        List<Emission> all = new ArrayList<>(out.writes);
        all.addAll(out.outcomes);
        if (all.isEmpty()) {
            return;
        }
        Set<String> seen = ledger.alreadyEmitted(all.stream().map(Emission::eventId).collect(Collectors.toSet()));
        List<CampusWrite> writes = new ArrayList<>();
        for (Emission emission : out.writes) {
            if (seen.add(emission.eventId()) && ledger.markEmitted(emission.eventId(), change.tenant(),
                    change.courseId(), emission.assignmentId())) {
                writes.add((CampusWrite) emission.payload());
            }
        }
        List<SyncOutcome> outcomes = new ArrayList<>();
        for (Emission emission : out.outcomes) {
            if (seen.add(emission.eventId()) && ledger.markEmitted(emission.eventId(), change.tenant(),
                    change.courseId(), emission.assignmentId())) {
                outcomes.add((SyncOutcome) emission.payload());
            }
        }
        // Writes go first: once an outcome of this event is visible, its writes are too.
        writePublisher.publish(writes);
        outcomePublisher.publish(outcomes);
        // Counted once the transaction commits, so a retry of this snapshot does not count its decisions twice.
        published.fire(new EligibilityMetrics.Published(change.tenant(), writes, outcomes));
        Log.debugf("event %s: %d writes and %d outcomes published, %d already published", change.eventId(),
                writes.size(), outcomes.size(), all.size() - writes.size() - outcomes.size());
        if (Log.isDebugEnabled()) {
            // Links this snapshot's id (the log context's eventId) to the ids of what it caused downstream.
            writes.forEach(write -> Log.debugf("published %s %s for %s", write.getClass().getSimpleName(),
                    write.eventId(), write.targetSourcedId()));
            outcomes.forEach(outcome -> Log.debugf("published %s %s", outcome.getClass().getSimpleName(),
                    outcome.eventId()));
        }
    }

    /** The state of one course the rules run against, loaded once per snapshot. */
    private record CourseContext(
            EligibilityConfig.District district,
            EligibilityRules.Policy policy,
            EligibilityRules.CourseFacts facts,
            List<Assignment> assignments,
            Map<String, List<StudentEnrollment>> studentsBySection) {

        List<StudentEnrollment> students(String sectionId) {
            return studentsBySection.getOrDefault(sectionId, List.of());
        }
    }

    /** One command or outcome to publish, with the assignment it belongs to. */
    private record Emission(String eventId, String assignmentId, Object payload) {
    }

    /** The commands and outcomes one snapshot produced, in the order they were decided. */
    private static final class Emissions {

        private final List<Emission> writes = new ArrayList<>();
        private final List<Emission> outcomes = new ArrayList<>();

        void write(Assignment assignment, CampusWrite write) {
            writes.add(new Emission(write.eventId(), assignment.assignmentId, write));
        }

        void outcome(Assignment assignment, SyncOutcome outcome) {
            outcomes.add(new Emission(outcome.eventId(), assignment.assignmentId, outcome));
        }
    }
}
