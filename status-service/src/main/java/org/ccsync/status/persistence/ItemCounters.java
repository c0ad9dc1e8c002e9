package org.ccsync.status.persistence;

import static org.ccsync.status.persistence.ItemStatusRepository.FAILED;
import static org.ccsync.status.persistence.ItemStatusRepository.PENDING;
import static org.ccsync.status.persistence.ItemStatusRepository.REMOVED;
import static org.ccsync.status.persistence.ItemStatusRepository.SKIPPED;
import static org.ccsync.status.persistence.ItemStatusRepository.WRITTEN;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Objects;
import org.ccsync.contracts.ItemKind;

/**
 * Keeps the maintained counters ({@code item_count}, the counts of {@code course_status} and {@code student_status})
 * in step with the items: an item's change of status moves it from its old counter to its new one, so a course is
 * read without a scan. The caller holds the course's lock.
 */
@ApplicationScoped
class ItemCounters {

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

    private static final String MOVE_STUDENTS_WRITTEN_TO_REMOVED = """
            UPDATE student_status SET written_count = written_count - 1, removed_count = removed_count + 1
            WHERE tenant = ?1 AND course_id = ?2 AND user_id IN (?3)
            """;

    private final EntityManager entityManager;

    ItemCounters(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Moves an item from its counter before a write to the one of the row the write returned (none: unchanged). */
    void count(String tenant, String courseId, Counted before, List<?> afterRows) {
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
            addStudentCounts(tenant, courseId, counted.userId(), counted.status(), delta);
        }
    }

    void addCount(String tenant, String courseId, String assignmentId, String kind, String status,
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

    void addCourseCounts(String tenant, String courseId, String status, long delta) {
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

    void addStudentCounts(String tenant, String courseId, String userId, String status, long delta) {
        entityManager.createNativeQuery(ADD_STUDENT_COUNTS)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, userId)
                .setParameter(4, WRITTEN.equals(status) ? delta : 0L)
                .setParameter(5, SKIPPED.equals(status) ? delta : 0L)
                .setParameter(6, FAILED.equals(status) ? delta : 0L)
                .setParameter(7, PENDING.equals(status) ? delta : 0L)
                .setParameter(8, REMOVED.equals(status) ? delta : 0L)
                .executeUpdate();
    }

    /** Moves one result of each of these students from written to removed. */
    void moveStudentsWrittenToRemoved(String tenant, String courseId, List<String> users) {
        entityManager.createNativeQuery(MOVE_STUDENTS_WRITTEN_TO_REMOVED)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, users)
                .executeUpdate();
    }

    /** The counted part of a row {@code kind, COALESCE(assignment_id, ''), user_id, status, reason_code}. */
    static Counted counted(Object[] row) {
        return new Counted((String) row[0], Objects.toString(row[1], ""), (String) row[2], (String) row[3],
                (String) row[4]);
    }
}
