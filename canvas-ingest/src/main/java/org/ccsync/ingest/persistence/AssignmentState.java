package org.ccsync.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * When one assignment and its scores were last re-read, so that triggers a re-read covers are skipped, and the
 * hash of its last published content, so that the poller republishes it only when it changed.
 */
@Entity
@Table(name = "assignment_state")
@IdClass(AssignmentState.Key.class)
public class AssignmentState extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String tenant;

    @Id
    @Column(name = "course_id", length = 32)
    public String courseId;

    @Id
    @Column(name = "assignment_id", length = 32)
    public String assignmentId;

    /** When the assignment's scores were last re-read. */
    @Column(name = "read_at")
    public OffsetDateTime readAt;

    /** When the assignment itself was last re-read by a trigger or a reconciliation. */
    @Column(name = "assignment_read_at")
    public OffsetDateTime assignmentReadAt;

    /** The hash of the assignment as Canvas last returned it, or {@code deleted}. */
    @Column(name = "content_hash", length = 64)
    public String contentHash;

    /**
     * Whether it was published (and not deleted) when last read: Canvas's students/submissions serves only the scores
     * of published assignments. Null when not known.
     */
    @Column(name = "published")
    public Boolean published;

    /** The composite primary key (tenant, course_id, assignment_id). */
    public static class Key implements Serializable {

        public String tenant;
        public String courseId;
        public String assignmentId;

        public Key() {
        }

        public Key(String tenant, String courseId, String assignmentId) {
            this.tenant = tenant;
            this.courseId = courseId;
            this.assignmentId = assignmentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(tenant, other.tenant)
                    && Objects.equals(courseId, other.courseId) && Objects.equals(assignmentId, other.assignmentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, courseId, assignmentId);
        }
    }
}
