package org.ccsync.status.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One "sync now" or daily reconciliation run of a course, with its stage and counts. */
@Entity
@Table(name = "sync_run")
public class SyncRun extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    public String tenant;

    @Column(name = "course_id")
    public String courseId;

    @Column(name = "sync_trigger")
    public String trigger;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    public String stage;

    public int assignments;

    public int scores;

    public String message;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "source_version")
    public long sourceVersion;

    public static List<SyncRun> recentForDistrict(String tenant, int limit) {
        return find("tenant = ?1 order by requestedAt desc", tenant).page(0, limit).list();
    }

    public static List<SyncRun> recentForCourses(String tenant, Collection<String> courseIds, int limit) {
        return courseIds.isEmpty() ? List.of()
                : find("tenant = ?1 and courseId in ?2 order by requestedAt desc", tenant, courseIds)
                        .page(0, limit).list();
    }

    public static Optional<SyncRun> findRun(String tenant, String courseId, String runId) {
        return find("runId = ?1 and tenant = ?2 and courseId = ?3", runId, tenant, courseId).firstResultOptional();
    }

    public static List<SyncRun> recentForCourse(String tenant, String courseId, int limit) {
        return find("tenant = ?1 and courseId = ?2 order by requestedAt desc", tenant, courseId).page(0, limit).list();
    }
}
