package org.ccsync.status.persistence;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;

/**
 * Writes the item, course and counter views. Every write to one course runs under a transaction-scoped advisory
 * lock on that course, so the maintained counters move from an item's exact old state to its new one even when
 * the outcome and write-command consumers touch the same item at once.
 *
 * <p>An item's status is WRITTEN only while Infinite Campus holds it: a DELETED outcome makes it {@link #REMOVED},
 * and a deleted lineItem takes its written results along (IC deletes them with it).
 */
@ApplicationScoped
public class ItemStatusRepository {

    public static final String WRITTEN = "WRITTEN";
    public static final String SKIPPED = "SKIPPED";
    public static final String FAILED = "FAILED";
    public static final String PENDING = "PENDING";
    /** Written to IC before, no longer there: its lineItem or the result itself was deleted. */
    public static final String REMOVED = "REMOVED";
    /** The reason code of a result removed because its lineItem was deleted. */
    static final String LINE_ITEM_DELETED = "line_item_deleted";

    /** An item's status as the counters see it. */
    record Counted(String kind, String assignmentId, String userId, String status, String reasonCode) {

        String counterReason() {
            return SKIPPED.equals(status) || FAILED.equals(status)
                    ? (reasonCode == null ? "unknown" : reasonCode) : "";
        }

        boolean sameCounterAs(Counted other) {
            return kind.equals(other.kind) && assignmentId.equals(other.assignmentId)
                    && Objects.equals(userId, other.userId) && status.equals(other.status)
                    && counterReason().equals(other.counterReason());
        }
    }

    /** What the item view holds of an item before an outcome or command changes it. */
    private record Row(Counted counted, String outcomeStatus, String reasonCode, String message, long sourceVersion,
            Long pendingVersion, String pendingReasonCode) {
    }

    /** Why an item was removed from IC: a reason code and a sentence, each null when unknown. */
    private record Removal(String reasonCode, String why) {

        String message() {
            if (why != null) {
                return "Removed from Infinite Campus: " + why;
            }
            return reasonCode == null ? "Removed from Infinite Campus."
                    : "Removed from Infinite Campus (" + reasonCode + ").";
        }

        String withLineItemMessage() {
            if (why != null) {
                return "Removed from Infinite Campus with its lineItem: " + why;
            }
            return reasonCode == null ? "Removed from Infinite Campus with its lineItem."
                    : "Removed from Infinite Campus with its lineItem (" + reasonCode + ").";
        }
    }

    /** The fields of an outcome that the item view keeps. */
    public record Outcome(String tenant, String courseId, ItemRef item, String status, String reasonCode, String message,
            String category, String gradingPeriod, Double score, long sourceVersion, Instant occurredAt) {
    }

    private static final String SELECT_ITEM = """
            SELECT kind, COALESCE(assignment_id, ''), user_id, status, reason_code, outcome_status, message,
                   source_version, pending_version, pending_reason_code
            FROM item_status
            WHERE tenant = ?1 AND course_id = ?2 AND item_key = ?3
            """;

    private static final String UPSERT_OUTCOME = """
            INSERT INTO item_status (tenant, course_id, item_key, kind, assignment_id, user_id, class_sourced_id,
                                     sourced_id, title, status, outcome_status, reason_code, message, category,
                                     grading_period, score, source_version, occurred_at, written_score, written_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    CASE WHEN ?10 = 'WRITTEN' THEN CAST(?15 AS DOUBLE PRECISION) END,
                    CASE WHEN ?10 = 'WRITTEN' THEN CAST(?17 AS TIMESTAMPTZ) END)
            ON CONFLICT (tenant, course_id, item_key) DO UPDATE SET
                kind = EXCLUDED.kind,
                assignment_id = COALESCE(EXCLUDED.assignment_id, item_status.assignment_id),
                user_id = COALESCE(EXCLUDED.user_id, item_status.user_id),
                class_sourced_id = COALESCE(EXCLUDED.class_sourced_id, item_status.class_sourced_id),
                sourced_id = COALESCE(EXCLUDED.sourced_id, item_status.sourced_id),
                title = COALESCE(EXCLUDED.title, item_status.title),
                status = CASE WHEN item_status.pending_version > EXCLUDED.source_version THEN 'PENDING'
                              ELSE EXCLUDED.status END,
                pending_version = CASE WHEN item_status.pending_version > EXCLUDED.source_version
                                       THEN item_status.pending_version END,
                pending_since = CASE WHEN item_status.pending_version > EXCLUDED.source_version
                                     THEN item_status.pending_since END,
                pending_reason_code = CASE WHEN item_status.pending_version > EXCLUDED.source_version
                                           THEN item_status.pending_reason_code END,
                outcome_status = EXCLUDED.outcome_status, reason_code = EXCLUDED.reason_code,
                message = EXCLUDED.message,
                category = COALESCE(EXCLUDED.category, item_status.category),
                grading_period = COALESCE(EXCLUDED.grading_period, item_status.grading_period),
                score = EXCLUDED.score, source_version = EXCLUDED.source_version, occurred_at = EXCLUDED.occurred_at,
                written_score = CASE WHEN EXCLUDED.outcome_status = 'WRITTEN' THEN EXCLUDED.written_score
                                     ELSE item_status.written_score END,
                written_at = CASE WHEN EXCLUDED.outcome_status = 'WRITTEN' THEN EXCLUDED.written_at
                                  ELSE item_status.written_at END
            WHERE item_status.source_version <= EXCLUDED.source_version
            RETURNING kind, COALESCE(assignment_id, ''), user_id, status, reason_code
            """;

    private static final String UPSERT_PENDING = """
            INSERT INTO item_status (tenant, course_id, item_key, kind, assignment_id, user_id, class_sourced_id,
                                     sourced_id, title, status, source_version, occurred_at, pending_version,
                                     pending_since, pending_reason_code)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', -1, ?10, ?11, ?10, ?12)
            ON CONFLICT (tenant, course_id, item_key) DO UPDATE SET
                status = 'PENDING',
                pending_version = EXCLUDED.pending_version,
                pending_reason_code = EXCLUDED.pending_reason_code,
                pending_since = COALESCE(item_status.pending_since, EXCLUDED.pending_since),
                class_sourced_id = COALESCE(item_status.class_sourced_id, EXCLUDED.class_sourced_id),
                sourced_id = COALESCE(item_status.sourced_id, EXCLUDED.sourced_id),
                title = COALESCE(EXCLUDED.title, item_status.title)
            WHERE item_status.source_version < EXCLUDED.pending_version
              AND (item_status.pending_version IS NULL OR item_status.pending_version < EXCLUDED.pending_version)
            RETURNING kind, COALESCE(assignment_id, ''), user_id, status, reason_code
            """;

    private static final String TOUCH_COURSE = """
            INSERT INTO course_status (tenant, course_id, last_success_at, last_outcome_at)
            VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (tenant, course_id) DO UPDATE SET
                last_success_at = GREATEST(course_status.last_success_at, EXCLUDED.last_success_at),
                last_outcome_at = GREATEST(course_status.last_outcome_at, EXCLUDED.last_outcome_at)
            RETURNING (xmax = 0)
            """;

    private static final String TOUCH_ASSIGNMENT = """
            INSERT INTO assignment_status (tenant, course_id, assignment_id, title, last_written_at)
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (tenant, course_id, assignment_id) DO UPDATE SET
                title = COALESCE(assignment_status.title, EXCLUDED.title),
                last_written_at = GREATEST(assignment_status.last_written_at, EXCLUDED.last_written_at)
            WHERE EXCLUDED.last_written_at IS NOT NULL
               OR (assignment_status.title IS NULL AND EXCLUDED.title IS NOT NULL)
            """;

    private static final String ADD_COUNT = """
            INSERT INTO item_count (tenant, course_id, assignment_id, kind, status, reason_code, item_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (tenant, course_id, assignment_id, kind, status, reason_code) DO UPDATE SET
                item_count = item_count.item_count + EXCLUDED.item_count
            """;

    private static final String ADD_COURSE_COUNTS = """
            UPDATE course_status SET written_count = written_count + ?3, skipped_count = skipped_count + ?4,
                                     failed_count = failed_count + ?5, pending_count = pending_count + ?6,
                                     removed_count = removed_count + ?7
            WHERE tenant = ?1 AND course_id = ?2
            """;

    private static final String ADD_STUDENT_COUNTS = """
            INSERT INTO student_status (tenant, course_id, user_id, written_count, skipped_count, failed_count,
                                        pending_count, removed_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (tenant, course_id, user_id) DO UPDATE SET
                written_count = student_status.written_count + EXCLUDED.written_count,
                skipped_count = student_status.skipped_count + EXCLUDED.skipped_count,
                failed_count = student_status.failed_count + EXCLUDED.failed_count,
                pending_count = student_status.pending_count + EXCLUDED.pending_count,
                removed_count = student_status.removed_count + EXCLUDED.removed_count
            """;

    /**
     * The results a deleted lineItem took along: those whose last outcome put them in IC. One still waiting for a
     * newer write stays PENDING; its last outcome becomes REMOVED.
     */
    private static final String REMOVE_LINE_ITEM_RESULTS = """
            UPDATE item_status SET
                status = CASE WHEN status = 'WRITTEN' THEN 'REMOVED' ELSE status END,
                outcome_status = 'REMOVED', reason_code = ?5, message = ?6,
                occurred_at = GREATEST(occurred_at, ?7)
            WHERE tenant = ?1 AND course_id = ?2 AND kind = 'RESULT' AND assignment_id = ?3
              AND class_sourced_id = ?4 AND outcome_status = 'WRITTEN'
            RETURNING user_id, status
            """;

    private static final String MOVE_STUDENTS_WRITTEN_TO_REMOVED = """
            UPDATE student_status SET written_count = written_count - 1, removed_count = removed_count + 1
            WHERE tenant = ?1 AND course_id = ?2 AND user_id IN (?3)
            """;

    private static final String SELECT_ASSIGNMENT_SKIP = """
            SELECT reason_code, message, source_version FROM item_status
            WHERE tenant = ?1 AND course_id = ?2 AND item_key = ?3 AND outcome_status = 'SKIPPED'
            """;

    private static final String STUDENT_WRITTEN = """
            UPDATE student_status SET last_written_at = ?4, last_written_score = ?5, last_written_assignment_id = ?6
            WHERE tenant = ?1 AND course_id = ?2 AND user_id = ?3
              AND (last_written_at IS NULL OR last_written_at <= ?4)
            """;

    private final EntityManager entityManager;

    public ItemStatusRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Serialises every view write of one course until the transaction ends. */
    public void lockCourse(String tenant, String courseId) {
        entityManager.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(hashtextextended(?1, 0)) AS TEXT)")
                .setParameter(1, tenant + "/" + courseId)
                .getSingleResult();
    }

    /**
     * Makes sure the course row exists and moves its last-outcome and last-success times forward.
     *
     * @return true when the course was not known before
     */
    public boolean touchCourse(String tenant, String courseId, Instant successAt, Instant outcomeAt) {
        Object inserted = entityManager.createNativeQuery(TOUCH_COURSE)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, successAt)
                .setParameter(4, outcomeAt)
                .getSingleResult();
        return Boolean.TRUE.equals(inserted);
    }

    /**
     * Folds an outcome into its item, unless the item already holds one of a newer source version; of two outcomes
     * of one version the later to arrive wins. A REMOVED outcome is given its reason here, and a removed lineItem
     * takes its written results along. The course must be locked.
     */
    public void applyOutcome(Outcome outcome) {
        ItemRef item = outcome.item();
        String key = itemKey(item);
        Row before = row(outcome.tenant(), outcome.courseId(), key);
        Removal removal = null;
        if (REMOVED.equals(outcome.status())) {
            removal = removal(outcome, before);
            outcome = new Outcome(outcome.tenant(), outcome.courseId(), item, REMOVED, removal.reasonCode(),
                    removal.message(), outcome.category(), outcome.gradingPeriod(), outcome.score(),
                    outcome.sourceVersion(), outcome.occurredAt());
        }
        List<?> after = entityManager.createNativeQuery(UPSERT_OUTCOME)
                .setParameter(1, outcome.tenant())
                .setParameter(2, outcome.courseId())
                .setParameter(3, key)
                .setParameter(4, item.kind().name())
                .setParameter(5, item.kind() == ItemKind.COURSE ? null : item.assignmentId())
                .setParameter(6, item.userId())
                .setParameter(7, item.classSourcedId())
                .setParameter(8, item.sourcedId())
                .setParameter(9, item.title())
                .setParameter(10, outcome.status())
                .setParameter(11, outcome.reasonCode())
                .setParameter(12, outcome.message())
                .setParameter(13, outcome.category())
                .setParameter(14, outcome.gradingPeriod())
                .setParameter(15, outcome.score())
                .setParameter(16, outcome.sourceVersion())
                .setParameter(17, outcome.occurredAt())
                .getResultList();
        count(outcome.tenant(), outcome.courseId(), before == null ? null : before.counted(), after);
        if (removal != null && !after.isEmpty() && item.kind() == ItemKind.LINE_ITEM && item.assignmentId() != null
                && item.classSourcedId() != null) {
            removeResultsOf(outcome, removal);
        }
        boolean written = WRITTEN.equals(outcome.status()) && !after.isEmpty();
        if (written && item.kind() == ItemKind.RESULT && item.userId() != null) {
            entityManager.createNativeQuery(STUDENT_WRITTEN)
                    .setParameter(1, outcome.tenant())
                    .setParameter(2, outcome.courseId())
                    .setParameter(3, item.userId())
                    .setParameter(4, outcome.occurredAt())
                    .setParameter(5, outcome.score())
                    .setParameter(6, item.assignmentId())
                    .executeUpdate();
        }
        if (item.assignmentId() != null && item.kind() != ItemKind.COURSE) {
            entityManager.createNativeQuery(TOUCH_ASSIGNMENT)
                    .setParameter(1, outcome.tenant())
                    .setParameter(2, outcome.courseId())
                    .setParameter(3, item.assignmentId())
                    .setParameter(4, item.title())
                    .setParameter(5, written ? outcome.occurredAt() : null)
                    .executeUpdate();
        }
    }

    /**
     * Why an item left IC, as far as the view knows. A lineItem: the skip that made it stop syncing (its own, or
     * its assignment's when that came after the lineItem's last outcome), else the delete command's reason code. A
     * result: the delete command's reason code, else what a deleted result always means.
     */
    private Removal removal(Outcome outcome, Row before) {
        String commandReason = before != null && before.pendingReasonCode() != null
                && before.pendingVersion() != null && before.pendingVersion() <= outcome.sourceVersion()
                ? before.pendingReasonCode() : null;
        if (outcome.item().kind() == ItemKind.RESULT) {
            String code = commandReason;
            String why = switch (code == null ? "" : code) {
                case "score_cleared" -> "the score was cleared in Canvas.";
                case "excuse_lifted" -> "the excuse was lifted in Canvas and there is no score to replace it.";
                case "" -> "its score was cleared in Canvas, or its excuse lifted.";
                default -> null;
            };
            return new Removal(code, why);
        }
        if (outcome.item().kind() == ItemKind.LINE_ITEM) {
            if (before != null && SKIPPED.equals(before.outcomeStatus()) && before.message() != null) {
                return new Removal(before.reasonCode(), before.message());
            }
            List<?> skips = entityManager.createNativeQuery(SELECT_ASSIGNMENT_SKIP)
                    .setParameter(1, outcome.tenant())
                    .setParameter(2, outcome.courseId())
                    .setParameter(3, itemKey(new ItemRef(ItemKind.ASSIGNMENT, outcome.item().assignmentId(), null,
                            null, null, null)))
                    .getResultList();
            if (!skips.isEmpty()) {
                Object[] skip = (Object[]) skips.get(0);
                boolean afterLastOutcome = before == null
                        || ((Number) skip[2]).longValue() >= before.sourceVersion();
                if (afterLastOutcome && skip[1] != null) {
                    return new Removal((String) skip[0], (String) skip[1]);
                }
            }
        }
        if ("deleted".equals(commandReason)) {
            return new Removal(commandReason, "the assignment was deleted in Canvas.");
        }
        return new Removal(commandReason, null);
    }

    /** Moves the results IC deleted along with a lineItem to REMOVED and their counters with them. */
    private void removeResultsOf(Outcome lineItem, Removal removal) {
        ItemRef item = lineItem.item();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(REMOVE_LINE_ITEM_RESULTS)
                .setParameter(1, lineItem.tenant())
                .setParameter(2, lineItem.courseId())
                .setParameter(3, item.assignmentId())
                .setParameter(4, item.classSourcedId())
                .setParameter(5, LINE_ITEM_DELETED)
                .setParameter(6, removal.withLineItemMessage())
                .setParameter(7, lineItem.occurredAt())
                .getResultList();
        // A result still PENDING keeps its counters; only those that were WRITTEN move.
        List<String> users = new ArrayList<>();
        long moved = 0;
        for (Object[] row : rows) {
            if (REMOVED.equals(row[1])) {
                moved++;
                if (row[0] != null) {
                    users.add((String) row[0]);
                }
            }
        }
        if (moved == 0) {
            return;
        }
        Log.infof("lineItem %s of course %s/%s was deleted in IC: %d written result(s) are removed with it",
                item.sourcedId(), lineItem.tenant(), lineItem.courseId(), moved);
        addCount(lineItem.tenant(), lineItem.courseId(), item.assignmentId(), ItemKind.RESULT.name(), WRITTEN, "",
                -moved);
        addCount(lineItem.tenant(), lineItem.courseId(), item.assignmentId(), ItemKind.RESULT.name(), REMOVED, "",
                moved);
        addCourseCounts(lineItem.tenant(), lineItem.courseId(), WRITTEN, -moved);
        addCourseCounts(lineItem.tenant(), lineItem.courseId(), REMOVED, moved);
        if (!users.isEmpty()) {
            entityManager.createNativeQuery(MOVE_STUDENTS_WRITTEN_TO_REMOVED)
                    .setParameter(1, lineItem.tenant())
                    .setParameter(2, lineItem.courseId())
                    .setParameter(3, users)
                    .executeUpdate();
        }
    }

    /**
     * Marks an item PENDING because a write command newer than its last outcome is on its way to IC; the course
     * must be locked.
     *
     * @param deleteReason the reason code of a delete command, null for an upsert
     */
    public void markPending(String tenant, String courseId, ItemRef item, long version, Instant since,
            String deleteReason) {
        String key = itemKey(item);
        Row before = row(tenant, courseId, key);
        List<?> after = entityManager.createNativeQuery(UPSERT_PENDING)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, key)
                .setParameter(4, item.kind().name())
                .setParameter(5, item.assignmentId())
                .setParameter(6, item.userId())
                .setParameter(7, item.classSourcedId())
                .setParameter(8, item.sourcedId())
                .setParameter(9, item.title())
                .setParameter(10, since)
                .setParameter(11, version)
                .setParameter(12, deleteReason)
                .getResultList();
        count(tenant, courseId, before == null ? null : before.counted(), after);
        if (item.assignmentId() != null) {
            entityManager.createNativeQuery(TOUCH_ASSIGNMENT)
                    .setParameter(1, tenant)
                    .setParameter(2, courseId)
                    .setParameter(3, item.assignmentId())
                    .setParameter(4, item.title())
                    .setParameter(5, null)
                    .executeUpdate();
        }
    }

    private Row row(String tenant, String courseId, String key) {
        List<?> rows = entityManager.createNativeQuery(SELECT_ITEM)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, key)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Row(counted(r), (String) r[5], (String) r[4], (String) r[6], ((Number) r[7]).longValue(),
                r[8] == null ? null : ((Number) r[8]).longValue(), (String) r[9]);
    }

    /**
     * Deletes up to {@code limit} of the course's items whose last outcome is older than {@code cutoff} (never one
     * that waits for a write), takes them out of the maintained counters, and drops the course's students left with
     * no item (their last written score goes with them). The course must be locked.
     *
     * @return how many items were deleted
     */
    public int forgetOlderThan(String tenant, String courseId, Instant cutoff, int limit) {
        List<?> deleted = entityManager.createNativeQuery("""
                DELETE FROM item_status WHERE ctid IN (
                    SELECT ctid FROM item_status
                    WHERE tenant = ?1 AND course_id = ?2 AND occurred_at < ?3 AND status <> 'PENDING'
                    LIMIT ?4)
                RETURNING kind, COALESCE(assignment_id, ''), user_id, status, reason_code
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, cutoff)
                .setParameter(4, limit).getResultList();
        Map<List<String>, Long> items = new HashMap<>();
        Map<String, Long> statuses = new HashMap<>();
        Map<List<String>, Long> students = new HashMap<>();
        for (Object row : deleted) {
            Counted counted = counted((Object[]) row);
            items.merge(List.of(counted.assignmentId(), counted.kind(), counted.status(), counted.counterReason()),
                    1L, Long::sum);
            statuses.merge(counted.status(), 1L, Long::sum);
            if (ItemKind.RESULT.name().equals(counted.kind()) && counted.userId() != null) {
                students.merge(List.of(counted.userId(), counted.status()), 1L, Long::sum);
            }
        }
        items.forEach((key, n) -> addCount(tenant, courseId, key.get(0), key.get(1), key.get(2), key.get(3), -n));
        statuses.forEach((status, n) -> addCourseCounts(tenant, courseId, status, -n));
        students.forEach((key, n) -> entityManager.createNativeQuery(ADD_STUDENT_COUNTS)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, key.get(0))
                .setParameter(4, WRITTEN.equals(key.get(1)) ? -n : 0L)
                .setParameter(5, SKIPPED.equals(key.get(1)) ? -n : 0L)
                .setParameter(6, FAILED.equals(key.get(1)) ? -n : 0L)
                .setParameter(7, PENDING.equals(key.get(1)) ? -n : 0L)
                .setParameter(8, REMOVED.equals(key.get(1)) ? -n : 0L)
                .executeUpdate());
        if (!students.isEmpty()) {
            entityManager.createNativeQuery("""
                    DELETE FROM student_status
                    WHERE tenant = ?1 AND course_id = ?2 AND written_count = 0 AND skipped_count = 0
                      AND failed_count = 0 AND pending_count = 0 AND removed_count = 0
                    """).setParameter(1, tenant).setParameter(2, courseId).executeUpdate();
        }
        return deleted.size();
    }

    private void count(String tenant, String courseId, Counted before, List<?> afterRows) {
        if (afterRows.isEmpty()) {
            return;
        }
        Counted after = counted((Object[]) afterRows.get(0));
        if (before != null && before.sameCounterAs(after)) {
            return;
        }
        if (before != null) {
            add(tenant, courseId, before, -1);
        }
        add(tenant, courseId, after, 1);
    }

    private void add(String tenant, String courseId, Counted counted, long delta) {
        addCount(tenant, courseId, counted.assignmentId(), counted.kind(), counted.status(), counted.counterReason(),
                delta);
        addCourseCounts(tenant, courseId, counted.status(), delta);
        if (ItemKind.RESULT.name().equals(counted.kind()) && counted.userId() != null) {
            entityManager.createNativeQuery(ADD_STUDENT_COUNTS)
                    .setParameter(1, tenant)
                    .setParameter(2, courseId)
                    .setParameter(3, counted.userId())
                    .setParameter(4, WRITTEN.equals(counted.status()) ? delta : 0L)
                    .setParameter(5, SKIPPED.equals(counted.status()) ? delta : 0L)
                    .setParameter(6, FAILED.equals(counted.status()) ? delta : 0L)
                    .setParameter(7, PENDING.equals(counted.status()) ? delta : 0L)
                    .setParameter(8, REMOVED.equals(counted.status()) ? delta : 0L)
                    .executeUpdate();
        }
    }

    private void addCount(String tenant, String courseId, String assignmentId, String kind, String status,
            String counterReason, long delta) {
        entityManager.createNativeQuery(ADD_COUNT)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, assignmentId)
                .setParameter(4, kind)
                .setParameter(5, status)
                .setParameter(6, counterReason)
                .setParameter(7, delta)
                .executeUpdate();
    }

    private void addCourseCounts(String tenant, String courseId, String status, long delta) {
        entityManager.createNativeQuery(ADD_COURSE_COUNTS)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, WRITTEN.equals(status) ? delta : 0L)
                .setParameter(4, SKIPPED.equals(status) ? delta : 0L)
                .setParameter(5, FAILED.equals(status) ? delta : 0L)
                .setParameter(6, PENDING.equals(status) ? delta : 0L)
                .setParameter(7, REMOVED.equals(status) ? delta : 0L)
                .executeUpdate();
    }

    private static Counted counted(Object[] row) {
        return new Counted((String) row[0], Objects.toString(row[1], ""), (String) row[2], (String) row[3],
                (String) row[4]);
    }

    /**
     * The key of an item in the view. Results are keyed by assignment and student, line items by assignment and
     * class, so that the eligibility service's skip, the write command and the writer's outcome of one item land
     * on one row.
     */
    static String itemKey(ItemRef item) {
        ItemKind kind = item.kind();
        return switch (kind) {
            case COURSE -> "C";
            case ASSIGNMENT -> "A:" + item.assignmentId();
            case LINE_ITEM -> "L:" + item.assignmentId() + ":" + orUnknown(item.classSourcedId());
            case RESULT -> "R:" + item.assignmentId() + ":" + orUnknown(item.userId());
        };
    }

    private static String orUnknown(String value) {
        return value == null ? "?" : value;
    }
}
