package org.ccsync.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;

/**
 * Writes the item, course and counter views. Every write to one course runs under a transaction-scoped advisory
 * lock on that course, so the maintained counters move from an item's exact old state to its new one even when
 * the outcome and write-command consumers touch the same item at once.
 */
@ApplicationScoped
public class ItemStatusRepository {

    /** An item's status as the counters see it. */
    record Counted(String kind, String assignmentId, String userId, String status, String reasonCode) {

        String counterReason() {
            return "SKIPPED".equals(status) || "FAILED".equals(status)
                    ? (reasonCode == null ? "unknown" : reasonCode) : "";
        }

        boolean sameCounterAs(Counted other) {
            return kind.equals(other.kind) && assignmentId.equals(other.assignmentId)
                    && Objects.equals(userId, other.userId) && status.equals(other.status)
                    && counterReason().equals(other.counterReason());
        }
    }

    /** The fields of an outcome that the item view keeps. */
    record Outcome(String tenant, String courseId, ItemRef item, String status, String reasonCode, String message,
            String category, String gradingPeriod, Double score, long sourceVersion, Instant occurredAt) {
    }

    private static final String SELECT_ITEM = """
            SELECT kind, COALESCE(assignment_id, ''), user_id, status, reason_code FROM item_status
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
                outcome_status = EXCLUDED.outcome_status, reason_code = EXCLUDED.reason_code,
                message = EXCLUDED.message,
                category = COALESCE(EXCLUDED.category, item_status.category),
                grading_period = COALESCE(EXCLUDED.grading_period, item_status.grading_period),
                score = EXCLUDED.score, source_version = EXCLUDED.source_version, occurred_at = EXCLUDED.occurred_at,
                written_score = CASE WHEN EXCLUDED.outcome_status = 'WRITTEN' THEN EXCLUDED.written_score
                                     ELSE item_status.written_score END,
                written_at = CASE WHEN EXCLUDED.outcome_status = 'WRITTEN' THEN EXCLUDED.written_at
                                  ELSE item_status.written_at END
            WHERE item_status.source_version < EXCLUDED.source_version
               OR (item_status.source_version = EXCLUDED.source_version
                   AND item_status.occurred_at <= EXCLUDED.occurred_at)
            RETURNING kind, COALESCE(assignment_id, ''), user_id, status, reason_code
            """;

    private static final String UPSERT_PENDING = """
            INSERT INTO item_status (tenant, course_id, item_key, kind, assignment_id, user_id, class_sourced_id,
                                     sourced_id, title, status, source_version, occurred_at, pending_version,
                                     pending_since)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', -1, ?10, ?11, ?10)
            ON CONFLICT (tenant, course_id, item_key) DO UPDATE SET
                status = 'PENDING',
                pending_version = EXCLUDED.pending_version,
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
                                     failed_count = failed_count + ?5, pending_count = pending_count + ?6
            WHERE tenant = ?1 AND course_id = ?2
            """;

    private static final String ADD_STUDENT_COUNTS = """
            INSERT INTO student_status (tenant, course_id, user_id, written_count, skipped_count, failed_count,
                                        pending_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (tenant, course_id, user_id) DO UPDATE SET
                written_count = student_status.written_count + EXCLUDED.written_count,
                skipped_count = student_status.skipped_count + EXCLUDED.skipped_count,
                failed_count = student_status.failed_count + EXCLUDED.failed_count,
                pending_count = student_status.pending_count + EXCLUDED.pending_count
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

    /** Folds an outcome into its item, unless the item already holds a newer one; the course must be locked. */
    public void applyOutcome(Outcome outcome) {
        ItemRef item = outcome.item();
        String key = itemKey(item);
        Counted before = current(outcome.tenant(), outcome.courseId(), key);
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
        count(outcome.tenant(), outcome.courseId(), before, after);
        boolean written = "WRITTEN".equals(outcome.status()) && !after.isEmpty();
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
     */
    public void markPending(String tenant, String courseId, ItemRef item, long version, Instant since) {
        String key = itemKey(item);
        Counted before = current(tenant, courseId, key);
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
                .getResultList();
        count(tenant, courseId, before, after);
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

    private Counted current(String tenant, String courseId, String key) {
        List<?> rows = entityManager.createNativeQuery(SELECT_ITEM)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, key)
                .getResultList();
        return rows.isEmpty() ? null : counted((Object[]) rows.get(0));
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
        entityManager.createNativeQuery(ADD_COUNT)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, counted.assignmentId())
                .setParameter(4, counted.kind())
                .setParameter(5, counted.status())
                .setParameter(6, counted.counterReason())
                .setParameter(7, delta)
                .executeUpdate();
        entityManager.createNativeQuery(ADD_COURSE_COUNTS)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, "WRITTEN".equals(counted.status()) ? delta : 0L)
                .setParameter(4, "SKIPPED".equals(counted.status()) ? delta : 0L)
                .setParameter(5, "FAILED".equals(counted.status()) ? delta : 0L)
                .setParameter(6, "PENDING".equals(counted.status()) ? delta : 0L)
                .executeUpdate();
        if (ItemKind.RESULT.name().equals(counted.kind()) && counted.userId() != null) {
            entityManager.createNativeQuery(ADD_STUDENT_COUNTS)
                    .setParameter(1, tenant)
                    .setParameter(2, courseId)
                    .setParameter(3, counted.userId())
                    .setParameter(4, "WRITTEN".equals(counted.status()) ? delta : 0L)
                    .setParameter(5, "SKIPPED".equals(counted.status()) ? delta : 0L)
                    .setParameter(6, "FAILED".equals(counted.status()) ? delta : 0L)
                    .setParameter(7, "PENDING".equals(counted.status()) ? delta : 0L)
                    .executeUpdate();
        }
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
