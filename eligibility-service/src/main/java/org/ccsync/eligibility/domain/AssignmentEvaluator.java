package org.ccsync.eligibility.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.eligibility.domain.EligibilityRules.Decision;
import org.ccsync.eligibility.domain.EligibilityRules.Target;
import org.ccsync.eligibility.persistence.Assignment;
import org.ccsync.eligibility.persistence.EventLedgerRepository;
import org.ccsync.eligibility.persistence.Score;
import org.ccsync.eligibility.persistence.ScoreColumns;
import org.ccsync.eligibility.persistence.StudentEnrollment;
import org.ccsync.eligibility.platform.EligibilityConfig.IneligibleAction;

/**
 * Runs the rules on one assignment of a course and decides its IC commands and skip outcomes: its lineItems per
 * class, the classes it no longer syncs to, and each score's result.
 */
@ApplicationScoped
class AssignmentEvaluator {

    private final EventLedgerRepository ledger;

    AssignmentEvaluator(EventLedgerRepository ledger) {
        this.ledger = ledger;
    }

    /**
     * Applies the rules to one assignment and emits its commands.
     *
     * @param scores the scores to send, or null for every stored score of the assignment
     */
    void evaluate(CourseContext context, Assignment assignment, List<? extends ScoreColumns> scores,
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
}
