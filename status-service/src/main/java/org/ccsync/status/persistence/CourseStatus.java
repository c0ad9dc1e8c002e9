package org.ccsync.status.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ccsync.status.domain.CourseKey;
import org.hibernate.annotations.Immutable;

/**
 * The per-course row of the status view: name, last successful sync, maintained item counts and the daily-schedule
 * setting. Read-only here: the projections write it with version-checked SQL under the course lock.
 */
@Entity
@Immutable
@Table(name = "course_status")
@IdClass(CourseKey.class)
public class CourseStatus extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    @Column(name = "course_id")
    public String courseId;

    @Column(name = "course_name")
    public String courseName;

    public Boolean published;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_outcome_at")
    public Instant lastOutcomeAt;

    /** Null while the course follows the district default. */
    @Column(name = "daily_sync_enabled")
    public Boolean dailySyncEnabled;

    @Column(name = "daily_sync_version")
    public long dailySyncVersion;

    @Column(name = "written_count")
    public long writtenCount;

    @Column(name = "skipped_count")
    public long skippedCount;

    @Column(name = "failed_count")
    public long failedCount;

    @Column(name = "pending_count")
    public long pendingCount;

    /** Items written to IC before and no longer there. */
    @Column(name = "removed_count")
    public long removedCount;

    public static Optional<CourseStatus> findCourse(String tenant, String courseId) {
        return findByIdOptional(new CourseKey(tenant, courseId));
    }

    public static List<CourseStatus> listForDistrict(String tenant) {
        return list("tenant = ?1 order by courseId", tenant);
    }

    public static List<CourseStatus> listForDistrict(String tenant, Collection<String> courseIds) {
        return courseIds.isEmpty() ? List.of()
                : list("tenant = ?1 and courseId in ?2 order by courseId", tenant, courseIds);
    }

    /** The district's courses, those with failures first, then those with the most items waiting. */
    public static List<CourseStatus> failuresFirst(String tenant, int limit) {
        return find("tenant = ?1 order by failedCount desc, pendingCount desc, courseId", tenant)
                .page(0, limit).list();
    }
}
