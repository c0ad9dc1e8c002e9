package org.ccsync.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read-side queries over the status views. */
@ApplicationScoped
public class StatusQueries {

    private final EntityManager entityManager;

    public StatusQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Counts of a course's items by status, with skips by reason and failures by error code. */
    public CourseStatusView.Counts counts(String tenant, String courseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT status, reason_code, count(*) FROM item_status
                WHERE tenant = ?1 AND course_id = ?2 GROUP BY status, reason_code
                """)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .getResultList();
        long written = 0;
        long skipped = 0;
        long failed = 0;
        Map<String, Long> skippedByReason = new TreeMap<>();
        Map<String, Long> failedByCode = new TreeMap<>();
        for (Object[] row : rows) {
            String status = (String) row[0];
            String reason = row[1] == null ? "unknown" : (String) row[1];
            long count = ((Number) row[2]).longValue();
            switch (status) {
                case "WRITTEN" -> written += count;
                case "SKIPPED" -> {
                    skipped += count;
                    skippedByReason.merge(reason, count, Long::sum);
                }
                case "FAILED" -> {
                    failed += count;
                    failedByCode.merge(reason, count, Long::sum);
                }
                default -> {
                }
            }
        }
        return new CourseStatusView.Counts(written, skipped, failed, skippedByReason, failedByCode);
    }

    /** The latest outcome of every item of a course, optionally of one status. */
    public List<ItemView> items(String tenant, String courseId, String status, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT kind, assignment_id, user_id, class_sourced_id, sourced_id, title, status, reason_code,
                       message, category, grading_period, score, source_version, occurred_at
                FROM item_status
                WHERE tenant = ?1 AND course_id = ?2 AND (CAST(?3 AS VARCHAR) IS NULL OR status = ?3)
                ORDER BY assignment_id, kind, item_key
                LIMIT ?4
                """)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, status)
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new ItemView((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                (String) r[10], r[11] == null ? null : ((Number) r[11]).doubleValue(), ((Number) r[12]).longValue(),
                toInstant(r[13]))).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return null;
    }
}
