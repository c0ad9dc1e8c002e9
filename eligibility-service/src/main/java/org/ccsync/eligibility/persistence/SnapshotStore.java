package org.ccsync.eligibility.persistence;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;

/**
 * Copies canvas-changes snapshots into the course's entities, in the caller's transaction, version-checked: an older
 * snapshot changes nothing, and a score whose assignment is not known yet waits in {@code pending_score}.
 */
@ApplicationScoped
public class SnapshotStore {

    /** A stored score and the assignment it belongs to. */
    public record StoredScore(Assignment assignment, Score score) {
    }

    /**
     * Stores an assignment snapshot and moves the scores that waited for it into place; empty when it is older than
     * the stored one.
     */
    public Optional<Assignment> storeAssignment(AssignmentChanged change) {
        Optional<Assignment> stored = Assignment.byKey(change.tenant(), change.courseId(), change.assignmentId());
        if (stored.isPresent() && stored.get().sourceVersion > change.sourceVersion()) {
            Log.infof("ignoring stale assignment %s/%s version %d, have %d", change.courseId(), change.assignmentId(),
                    change.sourceVersion(), stored.get().sourceVersion);
            return Optional.empty();
        }
        Assignment assignment = stored.orElseGet(() -> {
            Assignment created = new Assignment();
            created.tenant = change.tenant();
            created.courseId = change.courseId();
            created.assignmentId = change.assignmentId();
            return created;
        });
        assignment.apply(change);
        if (stored.isEmpty()) {
            assignment.persist();
        }
        releasePendingScores(assignment);
        return Optional.of(assignment);
    }

    /**
     * Stores a score snapshot with its assignment; empty when it is older than the stored one, or when its assignment
     * is not known yet (the score then waits in {@code pending_score}).
     */
    public Optional<StoredScore> storeScore(ScoreChanged change) {
        Optional<Assignment> assignment = Assignment.byKey(change.tenant(), change.courseId(), change.assignmentId());
        if (assignment.isEmpty()) {
            holdPending(change);
            return Optional.empty();
        }
        Optional<Score> stored = Score.byKey(change.tenant(), change.courseId(), change.assignmentId(),
                change.userId());
        if (stored.isPresent() && stored.get().sourceVersion > change.sourceVersion()) {
            Log.infof("ignoring stale score %s/%s/%s version %d, have %d", change.courseId(), change.assignmentId(),
                    change.userId(), change.sourceVersion(), stored.get().sourceVersion);
            return Optional.empty();
        }
        Score score = stored.orElseGet(Score::new);
        score.apply(change);
        if (stored.isEmpty()) {
            score.persist();
        }
        return Optional.of(new StoredScore(assignment.get(), score));
    }

    /** Stores a roster snapshot (course, sections, students, grading periods); false when it is older than the stored. */
    public boolean storeRoster(RosterChanged change) {
        Optional<Course> stored = Course.byKey(change.tenant(), change.courseId());
        if (stored.isPresent() && stored.get().rosterVersion > change.sourceVersion()) {
            Log.infof("ignoring stale roster of %s/%s version %d, have %d", change.tenant(), change.courseId(),
                    change.sourceVersion(), stored.get().rosterVersion);
            return false;
        }
        if (change.courseNotFound()) {
            return storeCourseNotFound(change, stored);
        }
        Course course = stored.orElseGet(Course::new);
        if (course.notFound) {
            Log.infof("Canvas answers for course %s/%s again", change.tenant(), change.courseId());
            course.notFound = false;
            course.publishedVersion = change.sourceVersion();
        }
        if (stored.isEmpty() || course.published != change.coursePublished()
                || course.concluded != change.courseConcluded()) {
            course.publishedVersion = change.sourceVersion();
        }
        course.concluded = change.courseConcluded();
        course.tenant = change.tenant();
        course.courseId = change.courseId();
        course.name = change.courseName();
        course.published = change.coursePublished();
        course.rosterVersion = change.sourceVersion();
        if (stored.isEmpty()) {
            course.persist();
        }
        replaceRoster(change);
        return true;
    }

    /**
     * Canvas answered 404 for the course: its roster stays as last read, and the course is marked not found, so
     * every assignment is re-evaluated as {@code course_not_found} (campus-writer holds the lineItem deletes that
     * causes for a district admin). A course already known as not found, or never seen, changes nothing.
     *
     * @return whether the course's assignments must be evaluated again
     */
    private boolean storeCourseNotFound(RosterChanged change, Optional<Course> stored) {
        if (stored.isEmpty() || stored.get().notFound) {
            Log.debugf("course %s/%s not found in Canvas: nothing new to do", change.tenant(), change.courseId());
            return false;
        }
        Course course = stored.get();
        course.notFound = true;
        course.publishedVersion = change.sourceVersion();
        course.rosterVersion = change.sourceVersion();
        Log.warnf("Canvas answers 404 for course %s/%s; its lineItem deletes go to campus-writer to be held",
                change.tenant(), change.courseId());
        return true;
    }

    private void replaceRoster(RosterChanged change) {
        String tenant = change.tenant();
        String courseId = change.courseId();
        CourseSection.delete("tenant = ?1 and courseId = ?2", tenant, courseId);
        StudentEnrollment.delete("tenant = ?1 and courseId = ?2", tenant, courseId);
        GradingPeriod.delete("tenant = ?1 and courseId = ?2", tenant, courseId);
        Set<String> seen = new HashSet<>();
        for (RosterChanged.Section section : nullToEmpty(change.sections())) {
            if (section.id() != null && seen.add(section.id())) {
                CourseSection row = new CourseSection();
                row.tenant = tenant;
                row.courseId = courseId;
                row.sectionId = section.id();
                row.sisSectionId = section.sisSectionId();
                row.name = section.name();
                row.persist();
            }
        }
        seen.clear();
        for (RosterChanged.Enrollment student : nullToEmpty(change.students())) {
            if (student.userId() != null && student.sectionId() != null
                    && seen.add(student.userId() + "\u0000" + student.sectionId())) {
                StudentEnrollment row = new StudentEnrollment();
                row.tenant = tenant;
                row.courseId = courseId;
                row.userId = student.userId();
                row.sisUserId = student.sisUserId();
                row.sectionId = student.sectionId();
                row.name = student.name();
                row.state = student.state();
                row.persist();
            }
        }
        seen.clear();
        for (RosterChanged.GradingPeriod period : nullToEmpty(change.gradingPeriods())) {
            if (period.id() != null && seen.add(period.id())) {
                GradingPeriod row = new GradingPeriod();
                row.tenant = tenant;
                row.courseId = courseId;
                row.periodId = period.id();
                row.title = period.title();
                row.startDate = period.startDate();
                row.endDate = period.endDate();
                row.closeDate = period.closeDate();
                row.closed = period.closed();
                row.persist();
            }
        }
    }

    private void holdPending(ScoreChanged change) {
        Optional<PendingScore> stored = PendingScore.byKey(change.tenant(), change.courseId(), change.assignmentId(),
                change.userId());
        if (stored.isPresent() && stored.get().sourceVersion > change.sourceVersion()) {
            Log.infof("ignoring stale pending score %s/%s/%s version %d", change.courseId(), change.assignmentId(),
                    change.userId(), change.sourceVersion());
            return;
        }
        PendingScore pending = stored.orElseGet(PendingScore::new);
        pending.apply(change);
        pending.receivedAt = Instant.now();
        if (stored.isEmpty()) {
            pending.persist();
        }
        Log.infof("score %s/%s/%s waits for its assignment", change.courseId(), change.assignmentId(),
                change.userId());
    }

    private void releasePendingScores(Assignment assignment) {
        List<PendingScore> pending = PendingScore.ofAssignment(assignment.tenant, assignment.courseId,
                assignment.assignmentId);
        for (PendingScore waiting : pending) {
            Optional<Score> stored = Score.byKey(waiting.tenant, waiting.courseId, waiting.assignmentId,
                    waiting.userId);
            if (stored.isEmpty()) {
                Score score = new Score();
                score.apply(waiting);
                score.persist();
            } else if (stored.get().sourceVersion <= waiting.sourceVersion) {
                stored.get().apply(waiting);
            }
            waiting.delete();
        }
        if (!pending.isEmpty()) {
            Log.infof("released %d pending scores of assignment %s/%s", pending.size(), assignment.courseId,
                    assignment.assignmentId);
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
