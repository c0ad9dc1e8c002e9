package org.ccsync.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The per-course row of the status view: last successful sync and the daily-schedule setting. */
@Entity
@Table(name = "course_status")
@IdClass(CourseKey.class)
public class CourseStatus extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    @Column(name = "course_id")
    public String courseId;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_outcome_at")
    public Instant lastOutcomeAt;

    @Column(name = "daily_sync_enabled")
    public boolean dailySyncEnabled;

    @Column(name = "daily_sync_version")
    public long dailySyncVersion;

    public static Optional<CourseStatus> find(String tenant, String courseId) {
        return findByIdOptional(new CourseKey(tenant, courseId));
    }

    public static List<CourseStatus> listForDistrict(String tenant) {
        return list("tenant = ?1 order by courseId", tenant);
    }
}
