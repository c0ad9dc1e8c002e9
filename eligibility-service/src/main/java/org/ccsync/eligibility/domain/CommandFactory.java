package org.ccsync.eligibility.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.eligibility.domain.EligibilityRules.Target;
import org.ccsync.eligibility.persistence.Assignment;
import org.ccsync.eligibility.persistence.ScoreColumns;
import org.ccsync.eligibility.persistence.StudentEnrollment;

/**
 * Builds the IC write commands and skip outcomes with deterministic event ids, so the same state always yields the
 * same commands whatever order or number of times the snapshots arrived in. A command's id is derived from what IC
 * would receive (and the Canvas version and sync epoch), not from Canvas timestamps alone: a change of content with
 * the same timestamps (a late penalty recomputed, a renamed assignment group) is a new command.
 */
final class CommandFactory {

    /** The reason code of a result removed because its score was cleared in Canvas. */
    static final String SCORE_CLEARED = "score_cleared";

    private CommandFactory() {
    }

    static String lineItemId(Assignment assignment, String classSourcedId) {
        return SourcedIds.lineItem(assignment.tenant, assignment.assignmentId, classSourcedId);
    }

    /**
     * The lineItem of an assignment in one class. Canvas snapshots carry no unlock date, so the assign date is the
     * start (UTC) of the section's due day; IC requires assignDate &lt;= dueDate and this keeps both in one term.
     */
    static UpsertLineItem upsertLineItem(Assignment assignment, Target target, Instant now) {
        String lineItem = lineItemId(assignment, target.sisSectionId());
        Instant assignDate = target.dueAt() == null ? null : target.dueAt().truncatedTo(ChronoUnit.DAYS);
        String title = title(assignment);
        return new UpsertLineItem(
                EventIds.of("upsert-line-item", lineItem, assignment.sourceVersion, title, assignment.pointsPossible,
                        assignDate, target.dueAt(), assignment.group(), assignment.syncEpoch),
                now, assignment.tenant, assignment.courseId, assignment.assignmentId, target.sisSectionId(), lineItem,
                assignment.sourceVersion, title, assignment.pointsPossible, assignDate, target.dueAt(),
                assignment.group());
    }

    /**
     * One student's result in one class; excused becomes a null score with {@code excused}, never 0, and a score
     * pending review is marked partially graded.
     */
    static UpsertResult upsertResult(Assignment assignment, Target target, ScoreColumns score,
            StudentEnrollment student, Instant now) {
        return upsertResult(assignment, target, score, score.score, student, now);
    }

    /** One student's result with the score IC receives ({@code sent}: Canvas's, or the cap for extra credit). */
    static UpsertResult upsertResult(Assignment assignment, Target target, ScoreColumns score, Double sent,
            StudentEnrollment student, Instant now) {
        String lineItem = lineItemId(assignment, target.sisSectionId());
        String result = SourcedIds.result(lineItem, student.sisUserId);
        Double value = score.excused ? null : sent;
        boolean partiallyGraded = score.toFacts().pendingReview();
        LocalDate scoreDate = scoreDate(score);
        return new UpsertResult(
                EventIds.of("upsert-result", result, score.sourceVersion, value, score.excused, score.late,
                        score.missing, partiallyGraded, scoreDate, assignment.syncEpoch),
                now, assignment.tenant, assignment.courseId, assignment.assignmentId, target.sisSectionId(), lineItem,
                result, score.userId, student.sisUserId, score.sourceVersion, value, score.excused, score.late,
                score.missing, scoreDate, score.gradedAt, partiallyGraded);
    }

    /** Removes the IC result of a score that no longer carries a grade (cleared, or an excuse lifted). */
    static DeleteResult deleteResult(Assignment assignment, Target target, ScoreColumns score,
            StudentEnrollment student, Instant now) {
        String lineItem = lineItemId(assignment, target.sisSectionId());
        String result = SourcedIds.result(lineItem, student.sisUserId);
        return new DeleteResult(
                EventIds.of("delete-result", result, score.sourceVersion, assignment.syncEpoch),
                now, assignment.tenant, assignment.courseId, assignment.assignmentId, target.sisSectionId(), lineItem,
                result, score.userId, student.sisUserId, score.sourceVersion, SCORE_CLEARED);
    }

    /** Deletes a lineItem that was synced before; the version is the assignment's, never older than its upsert. */
    static DeleteLineItem deleteLineItem(Assignment assignment, Assignment.SyncedClass synced, String reasonCode,
            Instant now) {
        return new DeleteLineItem(
                EventIds.of("delete-line-item", synced.lineItemSourcedId(), assignment.sourceVersion,
                        assignment.syncEpoch),
                now, assignment.tenant, assignment.courseId, assignment.assignmentId, synced.classSourcedId(),
                synced.lineItemSourcedId(), assignment.sourceVersion, reasonCode);
    }

    static ItemSkipped assignmentSkipped(Assignment assignment, SkipReason reason, long causeVersion, String detail,
            Instant now) {
        ItemRef item = new ItemRef(ItemKind.ASSIGNMENT, assignment.assignmentId, null, null, null, title(assignment));
        return skipped(assignment, item, null, reason, causeVersion, detail, now);
    }

    static ItemSkipped lineItemSkipped(Assignment assignment, Target section, SkipReason reason, long causeVersion,
            Instant now) {
        String classId = blankToNull(section.sisSectionId());
        ItemRef item = new ItemRef(ItemKind.LINE_ITEM, assignment.assignmentId, null, classId,
                classId == null ? null : lineItemId(assignment, classId), title(assignment));
        String name = section.sectionName() == null ? "" : section.sectionName() + ", ";
        return skipped(assignment, item, section.sectionId(), reason, causeVersion,
                "Canvas section " + name + "id " + section.sectionId(), now);
    }

    static ItemSkipped resultSkipped(Assignment assignment, Target section, ScoreColumns score,
            StudentEnrollment student, SkipReason reason, Instant now) {
        String lineItem = lineItemId(assignment, section.sisSectionId());
        String result = student.sisUserId == null || student.sisUserId.isBlank() ? null
                : SourcedIds.result(lineItem, student.sisUserId);
        ItemRef item = new ItemRef(ItemKind.RESULT, assignment.assignmentId, score.userId, section.sisSectionId(),
                result, title(assignment));
        return skipped(assignment, item, section.sectionId(), reason, score.sourceVersion,
                "Canvas user id " + score.userId, now);
    }

    /**
     * The outcome of a result sent at the points possible in place of a higher Canvas score, because the district caps
     * extra credit: what Canvas has and what IC receives.
     */
    static ItemSkipped extraCreditCapped(Assignment assignment, Target section, ScoreColumns score,
            StudentEnrollment student, Instant now) {
        String lineItem = lineItemId(assignment, section.sisSectionId());
        ItemRef item = new ItemRef(ItemKind.RESULT, assignment.assignmentId, score.userId, section.sisSectionId(),
                SourcedIds.result(lineItem, student.sisUserId), title(assignment));
        return skipped(assignment, item, section.sectionId(), SkipReason.EXTRA_CREDIT_CAPPED, score.sourceVersion,
                "Canvas user id " + score.userId + ": Canvas " + number(score.score) + ", Infinite Campus "
                        + number(assignment.pointsPossible) + " of " + number(assignment.pointsPossible),
                now);
    }

    private static String number(Double value) {
        return value == null ? "-" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static ItemSkipped skipped(Assignment assignment, ItemRef item, String sectionId, SkipReason reason,
            long causeVersion, String detail, Instant now) {
        String eventId = EventIds.of("item-skipped", assignment.tenant, assignment.courseId, item.kind(),
                assignment.assignmentId, sectionId, item.userId(), reason.code(), causeVersion);
        String sentence = detail == null ? reason.sentence() : reason.sentence() + " (" + detail + ")";
        return new ItemSkipped(eventId, now, assignment.tenant, assignment.courseId, causeVersion, item, reason.code(),
                sentence);
    }

    /** The grading day (UTC); a score with no grading time, such as a missing flag, takes its version's day. */
    private static LocalDate scoreDate(ScoreColumns score) {
        Instant at = score.gradedAt != null ? score.gradedAt
                : score.postedAt != null ? score.postedAt : Instant.ofEpochMilli(score.sourceVersion);
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static String title(Assignment assignment) {
        return assignment.name == null ? null : assignment.name.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
