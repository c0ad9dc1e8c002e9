package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives the simulated Canvas from tests and tools: grades, assignment changes, event-less bulk changes, keys,
 * webhook, token and throttle settings; every change is visible over REST and emits the Live Events Canvas would.
 */
public final class CanvasControl {

    private final CanvasStore store;
    private final LiveEventFactory events;
    private final LiveEventPublisher publisher;
    private final ApiGate gate;
    private final SigningKeys keys;
    private final SimClock clock;
    private final boolean seedDemo;

    CanvasControl(CanvasStore store, LiveEventFactory events, LiveEventPublisher publisher, ApiGate gate,
            SigningKeys keys, SimClock clock, boolean seedDemo) {
        this.store = store;
        this.events = events;
        this.publisher = publisher;
        this.gate = gate;
        this.keys = keys;
        this.clock = clock;
        this.seedDemo = seedDemo;
    }

    /**
     * Grades one submission (graded_at = now, strictly later than before) and emits grade_change and
     * submission_updated.
     */
    public Submission gradeSubmission(long courseId, long assignmentId, long userId, GradeChange change) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Submission before = submission(courseId, assignmentId, userId)
                    .orElseThrow(() -> new UnknownResourceException("no submission of user " + userId));
            Long teacher = teacherId(courseId);
            Instant gradedAt = clock.after(before.gradedAt());
            Submission after = SubmissionChanges.grade(before, assignment, change, gradedAt,
                    teacher == null ? 0 : teacher);
            store.put(after);
            CanvasUser student = store.user(userId).orElse(null);
            publisher.publish(events.gradeChange(course, assignment, before, after, student, teacher, gradedAt));
            publisher.publish(events.submissionUpdated(course, after, teacher, gradedAt));
            return after;
        }
    }

    /** Applies a partial update (updated_at = now) and emits assignment_updated. */
    public Assignment updateAssignment(long courseId, long assignmentId, AssignmentPatch patch) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment before = requireAssignment(courseId, assignmentId);
            if (patch.assignmentGroupId() != null) {
                requireGroup(courseId, patch.assignmentGroupId());
            }
            Assignment after = patch.applyTo(before, clock.after(before.updatedAt()));
            store.put(after);
            publisher.publish(events.assignmentUpdated(course, after, teacherId(courseId)));
            return after;
        }
    }

    /** Creates an assignment with an unsubmitted submission per student and emits assignment_created. */
    public Assignment createAssignment(long courseId, NewAssignment spec) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            long groupId = spec.assignmentGroupId() != null ? requireGroup(courseId, spec.assignmentGroupId())
                    : store.groups(courseId).stream().findFirst().map(AssignmentGroup::id)
                            .orElseThrow(() -> new IllegalArgumentException("course has no assignment group"));
            Instant now = clock.now();
            Assignment created = spec.toAssignment(store.nextAssignmentId(), courseId, groupId, now);
            store.put(created);
            for (long studentId : store.studentIds(courseId)) {
                store.put(Submission.unsubmitted(store.nextSubmissionId(), courseId, created.id(), studentId, now));
            }
            publisher.publish(events.assignmentCreated(course, created, teacherId(courseId)));
            return created;
        }
    }

    /** Deletes an assignment (workflow_state deleted, no longer listed) and emits assignment_updated. */
    public Assignment deleteAssignment(long courseId, long assignmentId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment before = requireAssignment(courseId, assignmentId);
            Assignment deleted = before.markDeleted(clock.after(before.updatedAt()));
            store.put(deleted);
            publisher.publish(events.assignmentUpdated(course, deleted, teacherId(courseId)));
            return deleted;
        }
    }

    /** Sets post_to_sis false on every assignment of the course, emitting nothing (like Canvas); returns the count. */
    public int disablePostToSisForCourse(long courseId) {
        synchronized (store) {
            requireCourse(courseId);
            int changed = 0;
            for (Assignment a : store.assignments(courseId)) {
                if (a.postToSis()) {
                    store.put(a.withPostToSis(false, clock.after(a.updatedAt())));
                    changed++;
                }
            }
            return changed;
        }
    }

    /** Gives every unsubmitted submission of the assignment a missing zero (graded_at now), emitting nothing. */
    public List<Submission> applyMissingPolicy(long courseId, long assignmentId) {
        synchronized (store) {
            requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Long teacher = teacherId(courseId);
            List<Submission> changed = new ArrayList<>();
            for (Submission s : store.submissionsOf(assignmentId)) {
                if (Submission.UNSUBMITTED.equals(s.workflowState()) && !s.excused()) {
                    Submission zero = SubmissionChanges.missingZero(s, assignment, clock.after(s.gradedAt()),
                            teacher == null ? 0 : teacher);
                    store.put(zero);
                    changed.add(zero);
                }
            }
            return changed;
        }
    }

    /**
     * Posts the hidden graded submissions (posted_at = now, graded_at unchanged), emitting grade_change with
     * muted false for each.
     */
    public List<Submission> postGrades(long courseId, long assignmentId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Long teacher = teacherId(courseId);
            List<Submission> posted = new ArrayList<>();
            for (Submission s : store.submissionsOf(assignmentId)) {
                if (Submission.GRADED.equals(s.workflowState()) && !s.posted()) {
                    Instant now = clock.after(s.updatedAt());
                    Submission after = SubmissionChanges.post(s, now);
                    store.put(after);
                    posted.add(after);
                    publisher.publish(events.gradeChange(course, assignment, s, after,
                            store.user(s.userId()).orElse(null), teacher, now));
                }
            }
            return posted;
        }
    }

    /** The assignment as stored, deleted ones included (workflow state {@code deleted}). */
    public Optional<Assignment> assignment(long courseId, long assignmentId) {
        return store.assignmentIncludingDeleted(courseId, assignmentId);
    }

    public Optional<Submission> submission(long courseId, long assignmentId, long userId) {
        return store.submission(assignmentId, userId).filter(s -> s.courseId() == courseId);
    }

    /** previous ← current, current ← next, next ← new key; returns the new current kid. */
    public String rotateKeys() {
        return keys.rotate();
    }

    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /** The JWKS document served at /api/lti/security/jwks. */
    public String jwksJson() {
        return keys.jwksJson();
    }

    /** Where later events are POSTed; null or blank stops delivery. */
    public void setWebhookUrl(String url) {
        publisher.setWebhookUrl(url);
    }

    public String webhookUrl() {
        return publisher.webhookUrl();
    }

    public void setSigning(boolean sign) {
        publisher.setSigning(sign);
    }

    public boolean signing() {
        return publisher.signing();
    }

    /** Changes the leaky bucket; the current level is kept. */
    public void setThrottle(double bucketHighWater, double drainPerSecond) {
        gate.bucket().configure(bucketHighWater, drainPerSecond);
    }

    public double bucketHighWater() {
        return gate.bucket().highWater();
    }

    public double drainPerSecond() {
        return gate.bucket().drainPerSecond();
    }

    /** From now on every REST call answers 401 until {@link #restoreToken()}. */
    public void revokeToken() {
        gate.revoke();
    }

    public void restoreToken() {
        gate.restore();
    }

    /** Every event emitted since start or reset, in emission order, with its delivery state. */
    public List<EmittedEvent> events() {
        return publisher.events();
    }

    public CanvasStats stats() {
        return gate.stats();
    }

    /**
     * Reseeds the data (demo district when configured), forgets events and statistics, empties the bucket and
     * restores the token; keys, webhook, signing and throttle settings stay.
     */
    public void reset() {
        synchronized (store) {
            store.clear();
            if (seedDemo) {
                DemoDistrict.seed(store);
            }
            publisher.clear();
            gate.reset();
        }
    }

    private Course requireCourse(long courseId) {
        return store.course(courseId).orElseThrow(() -> new UnknownResourceException("no course " + courseId));
    }

    private Assignment requireAssignment(long courseId, long assignmentId) {
        return store.assignment(courseId, assignmentId)
                .orElseThrow(() -> new UnknownResourceException("no assignment " + assignmentId));
    }

    private long requireGroup(long courseId, long groupId) {
        return store.groups(courseId).stream().filter(g -> g.id() == groupId).findFirst().map(AssignmentGroup::id)
                .orElseThrow(() -> new IllegalArgumentException("no assignment group " + groupId + " in course"));
    }

    private Long teacherId(long courseId) {
        return store.teacher(courseId).map(CanvasUser::id).orElse(null);
    }
}
