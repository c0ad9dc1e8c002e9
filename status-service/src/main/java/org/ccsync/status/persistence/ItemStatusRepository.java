package org.ccsync.status.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;

/**
 * Writes the item, course and counter views. Every write to one course runs under a transaction-scoped advisory
 * lock on that course, so the maintained counters move from an item's exact old state to its new one even when
 * the outcome and write-command consumers touch the same item at once.
 *
 * <p>An item's status is WRITTEN only while Infinite Campus holds it: a DELETED outcome makes it {@link #REMOVED},
 * and a deleted lineItem takes its written results along (IC deletes them with it).
 *
 * <p>Its parts: {@link ItemCounters} moves the maintained counters, {@link ItemRemovals} says why an item left IC
 * and removes a deleted lineItem's results, {@link ExpiredItems} forgets items past their retention.
 */
@ApplicationScoped
public class ItemStatusRepository {

    public static final String WRITTEN = "WRITTEN";
    public static final String SKIPPED = "SKIPPED";
    public static final String FAILED = "FAILED";
    public static final String PENDING = "PENDING";
    /** Written to IC before, no longer there: its lineItem or the result itself was deleted. */
    public static final String REMOVED = "REMOVED";

    /** What the item view holds of an item before an outcome or command changes it. */
    record Row(ItemCounters.Counted counted, String outcomeStatus, String reasonCode, String message, long sourceVersion,
            Long pendingVersion, String pendingReasonCode) {
    }

    /** The fields of an outcome that the item view keeps. */
    public record Outcome(String tenant, String courseId, ItemRef item, String status, String reasonCode,
            String message, String category, String gradingPeriod, Double score, long sourceVersion, Instant occurredAt) {
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

    private static final String STUDENT_WRITTEN = """
            UPDATE student_status SET last_written_at = ?4, last_written_score = ?5, last_written_assignment_id = ?6
            WHERE tenant = ?1 AND course_id = ?2 AND user_id = ?3
              AND (last_written_at IS NULL OR last_written_at <= ?4)
            """;

    private final EntityManager entityManager;
    private final ItemCounters counters;
    private final ItemRemovals removals;

    public ItemStatusRepository(EntityManager entityManager, ItemCounters counters, ItemRemovals removals) {
        this.entityManager = entityManager;
        this.counters = counters;
        this.removals = removals;
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
        ItemRemovals.Removal removal = null;
        if (REMOVED.equals(outcome.status())) {
            removal = removals.removal(outcome, before);
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
        counters.count(outcome.tenant(), outcome.courseId(), before == null ? null : before.counted(), after);
        if (removal != null && !after.isEmpty() && item.kind() == ItemKind.LINE_ITEM && item.assignmentId() != null
                && item.classSourcedId() != null) {
            removals.removeResultsOf(outcome, removal);
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
        counters.count(tenant, courseId, before == null ? null : before.counted(), after);
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
        return new Row(ItemCounters.counted(r), (String) r[5], (String) r[4], (String) r[6],
                ((Number) r[7]).longValue(), r[8] == null ? null : ((Number) r[8]).longValue(), (String) r[9]);
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
