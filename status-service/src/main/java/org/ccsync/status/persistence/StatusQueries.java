package org.ccsync.status.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ccsync.status.domain.CourseStatusView;
import org.ccsync.status.domain.CourseSummary;
import org.ccsync.status.domain.DailySyncService;
import org.ccsync.status.domain.DashboardView;
import org.ccsync.status.domain.ItemView;
import org.ccsync.status.domain.SyncRunView;
import org.ccsync.status.platform.Districts;
import org.ccsync.status.platform.StatusConfig;

/**
 * Read-side queries over the course, item, run and district views. A course's counts come from maintained
 * counters and its backlog from a partial index, so reading a course never scans its items.
 */
@ApplicationScoped
public class StatusQueries {

    private final EntityManager entityManager;
    private final DailySyncService dailySync;
    private final Districts districts;
    private final StatusConfig config;

    public StatusQueries(EntityManager entityManager, DailySyncService dailySync, Districts districts,
            StatusConfig config) {
        this.entityManager = entityManager;
        this.dailySync = dailySync;
        this.districts = districts;
        this.config = config;
    }

    /** The course view, or empty when the course is unknown in the district. */
    public Optional<CourseStatusView> course(String tenant, String courseId) {
        return CourseStatus.findCourse(tenant, courseId).map(course -> {
            List<SyncRunView> runs = SyncRun.recentForCourse(tenant, courseId, 10).stream()
                    .map(SyncRunView::of).toList();
            DailySyncService.DailySync daily = dailySync.effective(tenant, course.dailySyncEnabled);
            return new CourseStatusView(tenant, courseId, course.courseName, course.published, course.lastSuccessAt,
                    course.lastOutcomeAt, daily.enabled(), daily, counts(course),
                    backlog(course.pendingCount, oldestPending(tenant, courseId)), runs);
        });
    }

    /** The district's courses, or only the given ones (a teacher's), by course id. */
    public List<CourseSummary> courses(String tenant, Optional<Collection<String>> only) {
        List<CourseStatus> courses = only.isPresent() ? CourseStatus.listForDistrict(tenant, only.get())
                : CourseStatus.listForDistrict(tenant);
        return courses.stream().map(this::summary).toList();
    }

    /** The district dashboard: IC health, totals and courses with failures first. */
    public DashboardView dashboard(String tenant, int limit) {
        Object[] totals = (Object[]) entityManager.createNativeQuery("""
                SELECT count(*), COALESCE(sum(written_count), 0), COALESCE(sum(skipped_count), 0),
                       COALESCE(sum(failed_count), 0), COALESCE(sum(pending_count), 0),
                       COALESCE(sum(removed_count), 0)
                FROM course_status WHERE tenant = ?1
                """).setParameter(1, tenant).getSingleResult();
        Instant oldest = toInstant(entityManager.createNativeQuery(
                "SELECT min(pending_since) FROM item_status WHERE tenant = ?1 AND status = 'PENDING'")
                .setParameter(1, tenant).getSingleResult());
        CourseStatusView.Backlog backlog = backlog(0, oldest);
        DashboardView.Totals sums = new DashboardView.Totals(number(totals[0]), number(totals[1]),
                number(totals[2]), number(totals[3]), number(totals[4]), number(totals[5]), oldest,
                backlog.oldestAgeSeconds());
        List<CourseSummary> courses = CourseStatus.failuresFirst(tenant, limit).stream().map(this::summary).toList();
        return new DashboardView(tenant, districts.zone(tenant).getId(), health(tenant), sums, courses);
    }

    /** The district's IC health as campus-writer last reported it, with the alerts an admin must act on. */
    public DashboardView.DistrictHealth health(String tenant) {
        List<?> rows = entityManager.createNativeQuery("""
                SELECT ic_available, credentials_valid, credentials_expire_at, message, occurred_at, identity_strategy
                FROM district_status WHERE tenant = ?1
                """).setParameter(1, tenant).getResultList();
        if (rows.isEmpty()) {
            return new DashboardView.DistrictHealth(false, null, null, null, null, null, List.of(), null);
        }
        Object[] row = (Object[]) rows.get(0);
        boolean available = (Boolean) row[0];
        boolean valid = (Boolean) row[1];
        Instant expireAt = toInstant(row[2]);
        Instant now = Instant.now();
        List<String> alerts = new ArrayList<>();
        if (!available) {
            alerts.add("ic_unavailable");
        }
        if (!valid) {
            alerts.add("credentials_invalid");
        }
        if (expireAt != null && !expireAt.isAfter(now)) {
            alerts.add("credentials_expired");
        } else if (expireAt != null && expireAt.isBefore(now.plus(config.credentialsExpiryWarning()))) {
            alerts.add("credentials_expiring");
        }
        return new DashboardView.DistrictHealth(true, available, valid, expireAt, (String) row[3],
                toInstant(row[4]), List.copyOf(alerts), (String) row[5]);
    }

    /** The backlog of every district that has items, for the metrics: tenant to pending count and oldest time. */
    public Map<String, CourseStatusView.Backlog> backlogByDistrict() {
        Map<String, CourseStatusView.Backlog> result = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> counts = entityManager.createNativeQuery(
                "SELECT tenant, sum(pending_count) FROM course_status GROUP BY tenant").getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> oldest = entityManager.createNativeQuery("""
                SELECT tenant, min(pending_since) FROM item_status WHERE status = 'PENDING' GROUP BY tenant
                """).getResultList();
        Map<String, Instant> oldestByTenant = new TreeMap<>();
        for (Object[] row : oldest) {
            oldestByTenant.put((String) row[0], toInstant(row[1]));
        }
        for (Object[] row : counts) {
            String tenant = (String) row[0];
            result.put(tenant, new CourseStatusView.Backlog(number(row[1]), oldestByTenant.get(tenant), null));
        }
        return result;
    }

    /** The state of every item of a course, optionally of one status. */
    public List<ItemView> items(String tenant, String courseId, String status, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT kind, assignment_id, user_id, class_sourced_id, sourced_id, title, status, outcome_status,
                       reason_code, message, category, grading_period, score, written_score, written_at,
                       pending_since, source_version, occurred_at
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
                (String) r[10], (String) r[11], toDouble(r[12]), toDouble(r[13]), toInstant(r[14]),
                toInstant(r[15]), number(r[16]), toInstant(r[17]))).toList();
    }

    private CourseSummary summary(CourseStatus course) {
        return new CourseSummary(course.courseId, course.courseName, course.lastSuccessAt,
                dailySync.effective(course.tenant, course.dailySyncEnabled).enabled(), course.writtenCount,
                course.skippedCount, course.failedCount, course.pendingCount, course.removedCount);
    }

    private CourseStatusView.Counts counts(CourseStatus course) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT status, reason_code, sum(item_count) FROM item_count
                WHERE tenant = ?1 AND course_id = ?2 AND status IN ('SKIPPED', 'FAILED') AND item_count <> 0
                GROUP BY status, reason_code
                """)
                .setParameter(1, course.tenant)
                .setParameter(2, course.courseId)
                .getResultList();
        Map<String, Long> skippedByReason = new TreeMap<>();
        Map<String, Long> failedByCode = new TreeMap<>();
        for (Object[] row : rows) {
            long count = number(row[2]);
            if (count != 0) {
                ("SKIPPED".equals(row[0]) ? skippedByReason : failedByCode).put((String) row[1], count);
            }
        }
        return new CourseStatusView.Counts(course.writtenCount, course.skippedCount, course.failedCount,
                course.pendingCount, course.removedCount, skippedByReason, failedByCode);
    }

    private Instant oldestPending(String tenant, String courseId) {
        return toInstant(entityManager.createNativeQuery("""
                SELECT min(pending_since) FROM item_status
                WHERE tenant = ?1 AND course_id = ?2 AND status = 'PENDING'
                """).setParameter(1, tenant).setParameter(2, courseId).getSingleResult());
    }

    private static CourseStatusView.Backlog backlog(long pending, Instant oldest) {
        Long age = oldest == null ? null : Math.max(0, Duration.between(oldest, Instant.now()).toSeconds());
        return new CourseStatusView.Backlog(pending, oldest, age);
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static Double toDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    public static Instant toInstant(Object value) {
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
