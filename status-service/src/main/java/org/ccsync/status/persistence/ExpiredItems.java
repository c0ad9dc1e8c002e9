package org.ccsync.status.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.ItemKind;
import org.ccsync.status.persistence.ItemCounters.Counted;

/** Forgets items past their district's retention, taking them out of the maintained counters. */
@ApplicationScoped
class ExpiredItems {

    private final EntityManager entityManager;
    private final ItemCounters counters;

    ExpiredItems(EntityManager entityManager, ItemCounters counters) {
        this.entityManager = entityManager;
        this.counters = counters;
    }

    /**
     * Deletes up to {@code limit} of the course's items whose last outcome is older than {@code cutoff} (never one
     * that waits for a write), takes them out of the maintained counters, and drops the course's students left with
     * no item (their last written score goes with them). The course must be locked.
     *
     * @return how many items were deleted
     */
    int forgetOlderThan(String tenant, String courseId, Instant cutoff, int limit) {
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
            Counted counted = ItemCounters.counted((Object[]) row);
            items.merge(List.of(counted.assignmentId(), counted.kind(), counted.status(), counted.counterReason()),
                    1L, Long::sum);
            statuses.merge(counted.status(), 1L, Long::sum);
            if (ItemKind.RESULT.name().equals(counted.kind()) && counted.userId() != null) {
                students.merge(List.of(counted.userId(), counted.status()), 1L, Long::sum);
            }
        }
        items.forEach((key, n) -> counters.addCount(tenant, courseId, key.get(0), key.get(1), key.get(2), key.get(3),
                -n));
        statuses.forEach((status, n) -> counters.addCourseCounts(tenant, courseId, status, -n));
        students.forEach((key, n) -> counters.addStudentCounts(tenant, courseId, key.get(0), key.get(1), -n));
        if (!students.isEmpty()) {
            entityManager.createNativeQuery("""
                    DELETE FROM student_status
                    WHERE tenant = ?1 AND course_id = ?2 AND written_count = 0 AND skipped_count = 0
                      AND failed_count = 0 AND pending_count = 0 AND removed_count = 0
                    """).setParameter(1, tenant).setParameter(2, courseId).executeUpdate();
        }
        return deleted.size();
    }
}
