package org.ccsync.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What canvas-ingest knows about one course: read times, the poll watermark (the start of the last complete
 * incremental poll) and the daily-sync setting.
 */
@Entity
@Table(name = "course_state")
@IdClass(CourseState.Key.class)
public class CourseState extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String tenant;

    @Id
    @Column(name = "course_id", length = 32)
    public String courseId;

    @Column(name = "roster_read_at")
    public OffsetDateTime rosterReadAt;

    @Column(name = "assignments_read_at")
    public OffsetDateTime assignmentsReadAt;

    @Column(name = "graded_since")
    public OffsetDateTime gradedSince;

    @Column(name = "daily_sync_enabled", nullable = false)
    public boolean dailySyncEnabled;

    @Column(name = "daily_sync_version", nullable = false)
    public long dailySyncVersion;

    @Column(name = "last_full_sync_at")
    public OffsetDateTime lastFullSyncAt;

    /** The local date of the last scheduled daily reconciliation, so that it never runs twice a day. */
    @Column(name = "last_daily_run_on")
    public LocalDate lastDailyRunOn;

    /** The composite primary key (tenant, course_id). */
    public static class Key implements Serializable {

        public String tenant;
        public String courseId;

        public Key() {
        }

        public Key(String tenant, String courseId) {
            this.tenant = tenant;
            this.courseId = courseId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(tenant, other.tenant)
                    && Objects.equals(courseId, other.courseId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, courseId);
        }
    }
}
