package org.ccsync.eligibility.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A score whose assignment is not known yet; it waits here and moves to {@link Score} when the assignment arrives. */
@Entity
@Table(name = "pending_score")
public class PendingScore extends ScoreColumns {

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public static Optional<PendingScore> byKey(String tenant, String courseId, String assignmentId, String userId) {
        return find("tenant = ?1 and courseId = ?2 and assignmentId = ?3 and userId = ?4", tenant, courseId,
                assignmentId, userId).firstResultOptional();
    }

    public static List<PendingScore> ofAssignment(String tenant, String courseId, String assignmentId) {
        return list("tenant = ?1 and courseId = ?2 and assignmentId = ?3 order by userId", tenant, courseId,
                assignmentId);
    }
}
