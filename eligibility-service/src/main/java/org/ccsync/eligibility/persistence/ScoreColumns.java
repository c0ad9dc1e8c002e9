package org.ccsync.eligibility.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.eligibility.domain.EligibilityRules;

/** The columns a stored score and a pending score share: one submission's latest ScoreChanged. */
@MappedSuperclass
public abstract class ScoreColumns extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "course_id", nullable = false)
    public String courseId;

    @Column(name = "assignment_id", nullable = false)
    public String assignmentId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "source_version", nullable = false)
    public long sourceVersion;

    public Double score;

    public String grade;

    @Column(nullable = false)
    public boolean excused;

    @Column(nullable = false)
    public boolean late;

    @Column(nullable = false)
    public boolean missing;

    @Column(name = "workflow_state")
    public String workflowState;

    @Column(name = "graded_at")
    public Instant gradedAt;

    @Column(name = "posted_at")
    public Instant postedAt;

    /** The late penalty Canvas took off {@code score}; it changes without {@code graded_at} moving. */
    @Column(name = "points_deducted")
    public Double pointsDeducted;

    /** Whether the submission ever carried a grade: clearing it then removes its IC result. */
    @Column(name = "ever_graded", nullable = false)
    public boolean everGraded;

    /** Copies a snapshot's fields; the caller has checked that it is not older than the stored one. */
    public void apply(ScoreChanged change) {
        tenant = change.tenant();
        courseId = change.courseId();
        assignmentId = change.assignmentId();
        userId = change.userId();
        copy(change.sourceVersion(), change.score(), change.grade(), change.excused(), change.late(), change.missing(),
                change.workflowState(), change.gradedAt(), change.postedAt(), change.pointsDeducted());
    }

    /** Copies another row's score fields. */
    public void apply(ScoreColumns other) {
        tenant = other.tenant;
        courseId = other.courseId;
        assignmentId = other.assignmentId;
        userId = other.userId;
        copy(other.sourceVersion, other.score, other.grade, other.excused, other.late, other.missing,
                other.workflowState, other.gradedAt, other.postedAt, other.pointsDeducted);
        everGraded |= other.everGraded;
    }

    public EligibilityRules.ScoreFacts toFacts() {
        return new EligibilityRules.ScoreFacts(score, excused, missing, postedAt,
                ScoreChanged.PENDING_REVIEW.equals(workflowState));
    }

    private void copy(long version, Double newScore, String newGrade, boolean isExcused, boolean isLate,
            boolean isMissing, String state, Instant graded, Instant posted, Double deducted) {
        sourceVersion = version;
        score = newScore;
        grade = newGrade;
        excused = isExcused;
        late = isLate;
        missing = isMissing;
        workflowState = state;
        gradedAt = graded;
        postedAt = posted;
        pointsDeducted = deducted;
        everGraded |= newScore != null || isExcused || isMissing;
    }
}
