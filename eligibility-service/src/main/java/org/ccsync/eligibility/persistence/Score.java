package org.ccsync.eligibility.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;

/** The latest score of one student on one known assignment. */
@Entity
@Table(name = "score")
public class Score extends ScoreColumns {

    public static Optional<Score> byKey(String tenant, String courseId, String assignmentId, String userId) {
        return find("tenant = ?1 and courseId = ?2 and assignmentId = ?3 and userId = ?4", tenant, courseId,
                assignmentId, userId).firstResultOptional();
    }

    public static List<Score> ofAssignment(String tenant, String courseId, String assignmentId) {
        return list("tenant = ?1 and courseId = ?2 and assignmentId = ?3 order by userId", tenant, courseId,
                assignmentId);
    }
}
