package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Drives the simulated Canvas from tests and tools: grades, submissions, assignments and their overrides, groups,
 * course and enrollment states, the late policy, event-less bulk changes, keys, webhook, token and throttle
 * settings; every change is visible over REST and emits the Live Events Canvas would.
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
     * Grades one submission as a teacher does and emits what Canvas emits: grade_change when the score, grade or
     * excuse changed (or it became graded), and submission_updated unless it is still unsubmitted. A score or an
     * excuse sets graded_at to now (strictly later than before); a late submission's deduction follows the course's
     * late policy unless the change enters one. Un-excusing without a score leaves graded_at as it was.
     */
    public Submission gradeSubmission(long courseId, long assignmentId, long userId, GradeChange change) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Submission before = requireSubmission(courseId, assignmentId, userId);
            Long teacher = teacherId(courseId);
            Instant now = clock.after(latest(before.gradedAt(), before.updatedAt()));
            Submission after = SubmissionChanges.grade(before, assignment, change, now, teacher == null ? 0 : teacher,
                    store.latePolicy(courseId).orElse(null));
            store.put(after);
            publishSubmission(course, assignment, before, after, teacher, false);
            return after;
        }
    }

    /**
     * Removes a submission's grade as a teacher clearing the gradebook cell does: score, grade and entered score
     * become null (an excuse is lifted too) while graded_at, posted_at and the workflow state stay as they were;
     * emits grade_change (no score, the old one in old_score) and submission_updated.
     */
    public Submission clearGrade(long courseId, long assignmentId, long userId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Submission before = requireSubmission(courseId, assignmentId, userId);
            Long teacher = teacherId(courseId);
            Submission after = SubmissionChanges.clear(before, assignment, clock.after(before.updatedAt()),
                    teacher == null ? 0 : teacher);
            store.put(after);
            publishSubmission(course, assignment, before, after, teacher, false);
            return after;
        }
    }

    /**
     * Lifts an excuse without entering a score: no score, graded_at and the workflow state unchanged; emits
     * grade_change and submission_updated.
     */
    public Submission unexcuseSubmission(long courseId, long assignmentId, long userId) {
        synchronized (store) {
            if (!requireSubmission(courseId, assignmentId, userId).excused()) {
                throw new IllegalArgumentException("the submission is not excused");
            }
            return gradeSubmission(courseId, assignmentId, userId, GradeChange.none().withExcused(false));
        }
    }

    /**
     * The student submits (a new attempt) at {@code submittedAt}; it is late when that is after the student's
     * effective due date. Emits submission_created, as Canvas does for a save that just submitted.
     */
    public Submission submitAssignment(long courseId, long assignmentId, long userId, Instant submittedAt) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Submission before = requireSubmission(courseId, assignmentId, userId);
            Instant now = clock.after(before.updatedAt());
            Submission after = SubmissionChanges.submit(before, submittedAt == null ? now : submittedAt, now);
            store.put(after);
            publisher.publish(events.submissionCreated(course, assignment, after, userId, now));
            return after;
        }
    }

    /**
     * The student submits a quiz whose automatically graded part scores {@code autoGradedScore} while an essay
     * question waits for the teacher: workflow_state {@code pending_review}, graded_at now, the grader the quiz
     * itself. Emits grade_change (grading_complete false, no grader_id) and submission_created.
     */
    public Submission submitQuizPendingReview(long courseId, long assignmentId, long userId, double autoGradedScore) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment assignment = requireAssignment(courseId, assignmentId);
            Submission before = requireSubmission(courseId, assignmentId, userId);
            Instant now = clock.after(latest(before.gradedAt(), before.updatedAt()));
            Submission after = SubmissionChanges.pendingReview(before, assignment, autoGradedScore, now,
                    store.latePolicy(courseId).orElse(null));
            store.put(after);
            publisher.publish(events.gradeChange(course, assignment, before, after, store.user(userId).orElse(null),
                    after.graderId(), userId, now));
            publisher.publish(events.submissionCreated(course, assignment, after, userId, now));
            return after;
        }
    }

    /**
     * Applies a partial update (updated_at = now) and emits assignment_updated. When the due date (or publishing or
     * the visibility to overrides) changes, the students' effective due dates are recomputed and the course's late
     * policy is applied again, as Canvas's SubmissionLifecycleManager and LatePolicyApplicator do: a graded late
     * submission gets its new deduction and score with graded_at unchanged, each emitting grade_change and
     * submission_updated.
     */
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
            if (!Objects.equals(before.dueAt(), after.dueAt()) || before.published() != after.published()
                    || before.onlyVisibleToOverrides() != after.onlyVisibleToOverrides()) {
                recomputeDueDates(course, after);
            }
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
                store.put(Submission.unsubmitted(store.nextSubmissionId(), courseId, created.id(), studentId, now,
                        DueDates.effective(store, created, studentId)));
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

    /**
     * Adds an ADHOC (per-student) override with its own due date, as the "Assign to" dialog does, and emits
     * assignment_override_created (type ADHOC, no student list); the assignment is touched (updated_at) without an
     * event. The students' due dates and late deductions follow. Whether the other students still see the assignment
     * is {@code only_visible_to_overrides}: {@link AssignmentPatch#withOnlyVisibleToOverrides}.
     */
    public AssignmentOverride addStudentOverride(long courseId, long assignmentId, List<Long> studentIds,
            Instant dueAt) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment before = requireAssignment(courseId, assignmentId);
            if (studentIds == null || studentIds.isEmpty()) {
                throw new IllegalArgumentException("student_ids is required");
            }
            List<Long> enrolled = store.studentIds(courseId);
            for (long studentId : studentIds) {
                if (!enrolled.contains(studentId)) {
                    throw new IllegalArgumentException("user " + studentId + " is not a student of the course");
                }
            }
            AssignmentOverride created = AssignmentOverride.students(store.nextOverrideId(), assignmentId,
                    List.copyOf(new LinkedHashSet<>(studentIds)), dueAt);
            List<AssignmentOverride> overrides = new ArrayList<>(before.overrides());
            overrides.add(created);
            Instant now = clock.after(before.updatedAt());
            Assignment after = before.withOverrides(overrides, now);
            store.put(after);
            publisher.publish(events.assignmentOverride("assignment_override_created", course, created, "active",
                    teacherId(courseId), now));
            recomputeDueDates(course, after);
            return created;
        }
    }

    /**
     * Deletes an override (Canvas soft-deletes it) and emits assignment_override_updated with workflow_state
     * {@code deleted}; only_visible_to_overrides stays as it was. Due dates and late deductions follow.
     */
    public Assignment removeOverride(long courseId, long assignmentId, long overrideId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment before = requireAssignment(courseId, assignmentId);
            AssignmentOverride removed = before.overrides().stream().filter(o -> o.id() == overrideId).findFirst()
                    .orElseThrow(() -> new UnknownResourceException("no override " + overrideId));
            Instant now = clock.after(before.updatedAt());
            Assignment after = before.withOverrides(before.overrides().stream().filter(o -> o.id() != overrideId)
                    .toList(), now);
            store.put(after);
            publisher.publish(events.assignmentOverride("assignment_override_updated", course, removed, "deleted",
                    teacherId(courseId), now));
            recomputeDueDates(course, after);
            return after;
        }
    }

    /**
     * Adds a section override with the dates {@code dates} sets, as the "Assign to" dialog does, and emits
     * assignment_override_created (type CourseSection, local ids, only the dates it overrides). The section's due
     * date and late deductions follow; an override that does not set the due date leaves the section the assignment's
     * own date.
     */
    public AssignmentOverride addSectionOverride(long courseId, long assignmentId, long sectionId,
            OverrideDates dates) {
        synchronized (store) {
            Section section = requireSection(courseId, sectionId);
            return addOverride(courseId, assignmentId, id -> AssignmentOverride.section(id, assignmentId, sectionId,
                    section.name(), dates));
        }
    }

    /**
     * Unassigns a section from the assignment (newer Canvas's {@code unassign_item} override, made when "Assign to"
     * leaves a section out of an assignment its module assigns to it) and emits assignment_override_created; the
     * section's students are no longer assigned it.
     */
    public AssignmentOverride unassignSection(long courseId, long assignmentId, long sectionId) {
        synchronized (store) {
            Section section = requireSection(courseId, sectionId);
            return addOverride(courseId, assignmentId,
                    id -> AssignmentOverride.unassignedSection(id, assignmentId, sectionId, section.name()));
        }
    }

    private AssignmentOverride addOverride(long courseId, long assignmentId,
            LongFunction<AssignmentOverride> make) {
        Course course = requireCourse(courseId);
        Assignment before = requireAssignment(courseId, assignmentId);
        AssignmentOverride created = make.apply(store.nextOverrideId());
        List<AssignmentOverride> overrides = new ArrayList<>(before.overrides());
        overrides.add(created);
        Instant now = clock.after(before.updatedAt());
        Assignment after = before.withOverrides(overrides, now);
        store.put(after);
        publisher.publish(events.assignmentOverride("assignment_override_created", course, created, "active",
                teacherId(courseId), now));
        recomputeDueDates(course, after);
        return created;
    }

    /**
     * Changes the dates an override sets (a date left out is no longer overridden) and emits
     * assignment_override_updated; due dates and late deductions follow.
     */
    public AssignmentOverride updateOverride(long courseId, long assignmentId, long overrideId, OverrideDates dates) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Assignment before = requireAssignment(courseId, assignmentId);
            AssignmentOverride old = before.overrides().stream().filter(o -> o.id() == overrideId).findFirst()
                    .orElseThrow(() -> new UnknownResourceException("no override " + overrideId));
            AssignmentOverride changed = old.withDates(dates);
            Instant now = clock.after(before.updatedAt());
            Assignment after = before.withOverrides(before.overrides().stream()
                    .map(o -> o.id() == overrideId ? changed : o).toList(), now);
            store.put(after);
            publisher.publish(events.assignmentOverride("assignment_override_updated", course, changed, "active",
                    teacherId(courseId), now));
            recomputeDueDates(course, after);
            return changed;
        }
    }

    /** Creates a module holding the assignments; Canvas's module events are not part of the sync, none is sent. */
    public ContextModule createModule(long courseId, String name, List<Long> assignmentIds) {
        synchronized (store) {
            requireCourse(courseId);
            for (long assignmentId : assignmentIds) {
                requireAssignment(courseId, assignmentId);
            }
            ContextModule module = new ContextModule(store.nextModuleId(), courseId, name, assignmentIds, List.of());
            store.put(module);
            return module;
        }
    }

    /**
     * Assigns the module to a section ("Assign to" on the module): a module override, which the module's
     * assignments inherit, so that they are visible only to the sections and students the module's overrides name,
     * with their own due dates. Emits assignment_override_created with no assignment (the override is the module's).
     */
    public AssignmentOverride assignModuleToSection(long courseId, long moduleId, long sectionId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Section section = requireSection(courseId, sectionId);
            ContextModule module = store.module(moduleId).filter(m -> m.courseId() == courseId)
                    .orElseThrow(() -> new UnknownResourceException("no module " + moduleId));
            AssignmentOverride created = AssignmentOverride.moduleSection(store.nextOverrideId(), module, sectionId,
                    section.name());
            List<AssignmentOverride> overrides = new ArrayList<>(module.overrides());
            overrides.add(created);
            store.put(module.withOverrides(overrides));
            publisher.publish(events.assignmentOverride("assignment_override_created", course, created, "active",
                    teacherId(courseId), clock.now()));
            for (long assignmentId : module.assignmentIds()) {
                store.assignment(courseId, assignmentId).ifPresent(a -> recomputeDueDates(course, a));
            }
            return created;
        }
    }

    /** Creates an assignment group (last position) and emits assignment_group_created. */
    public AssignmentGroup createAssignmentGroup(long courseId, String name) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            int position = store.groups(courseId).stream().mapToInt(AssignmentGroup::position).max().orElse(0) + 1;
            AssignmentGroup created = new AssignmentGroup(store.nextGroupId(), courseId, name, position, 0, null);
            store.put(created);
            publisher.publish(events.assignmentGroupCreated(course, created, teacherId(courseId), clock.now()));
            return created;
        }
    }

    /** Creates a section of the course and emits course_section_created (Course context, local ids). */
    public Section createSection(long courseId, String name, String sisSectionId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            Section created = new Section(store.nextSectionId(), courseId, name, sisSectionId);
            store.put(created);
            publisher.publish(events.courseSection("course_section_created", course, created, teacherId(courseId),
                    clock.now()));
            return created;
        }
    }

    /**
     * Renames a section or changes its SIS id ({@code PUT /api/v1/sections/:id}) and emits course_section_updated,
     * whose context is the section, not the course; null fields stay.
     */
    public Section updateSection(long courseId, long sectionId, String name, String sisSectionId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Section before = requireSection(courseId, sectionId);
            Section after = new Section(before.id(), courseId, name != null ? name : before.name(),
                    sisSectionId != null ? sisSectionId : before.sisSectionId());
            store.put(after);
            publisher.publish(events.courseSection("course_section_updated", course, after, teacherId(courseId),
                    clock.now()));
            return after;
        }
    }

    /**
     * Enrolls a user as an active student of a section and emits enrollment_created; the student gets an unsubmitted
     * submission of every assignment of the course. Run it in {@link #asBackgroundJob} to have it come from an SIS
     * import, whose events carry the course only in their body.
     */
    public Enrollment enrollStudent(long courseId, long sectionId, long userId) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            requireSection(courseId, sectionId);
            CanvasUser user = store.user(userId)
                    .orElseThrow(() -> new UnknownResourceException("no user " + userId));
            Instant now = clock.now();
            Enrollment created = new Enrollment(store.nextEnrollmentId(), courseId, sectionId, userId,
                    Enrollment.STUDENT, Enrollment.ACTIVE, now);
            store.put(created);
            for (Assignment a : store.assignments(courseId)) {
                if (store.submission(a.id(), userId).isEmpty()) {
                    store.put(Submission.unsubmitted(store.nextSubmissionId(), courseId, a.id(), userId, now,
                            DueDates.effective(store, a, userId)));
                }
            }
            publisher.publish(events.enrollmentCreated(course, created, user, teacherId(courseId)));
            return created;
        }
    }

    /**
     * Runs {@code work} as a Canvas background job would (a content migration, a blueprint sync, an SIS import):
     * the Live Events it raises carry no request context ({@code job_id} and {@code job_tag} instead), so override
     * events name no course at all; submission and grade events still carry their course.
     */
    public <T> T asBackgroundJob(String jobTag, Supplier<T> work) {
        synchronized (store) {
            return events.runAsJob(jobTag, work);
        }
    }

    /** The subscription's event format; Caliper changes every later delivery's body. */
    public void setEventFormat(EventFormat format) {
        publisher.setFormat(format);
    }

    public EventFormat eventFormat() {
        return publisher.format();
    }

    /** Renames an assignment group and emits assignment_group_updated. */
    public AssignmentGroup renameAssignmentGroup(long courseId, long groupId, String name) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            AssignmentGroup before = store.groups(courseId).stream().filter(g -> g.id() == groupId).findFirst()
                    .orElseThrow(() -> new UnknownResourceException("no assignment group " + groupId));
            AssignmentGroup after = new AssignmentGroup(before.id(), before.courseId(), name, before.position(),
                    before.groupWeight(), before.sisSourceId());
            store.put(after);
            publisher.publish(events.assignmentGroupUpdated(course, after, teacherId(courseId), clock.now()));
            return after;
        }
    }

    /**
     * Concludes the course (workflow_state {@code completed}); its assignments stay published. Emits
     * course_updated.
     */
    public Course concludeCourse(long courseId) {
        return setCourseState(courseId, Course.COMPLETED);
    }

    /**
     * Unpublishes the course (stored as {@code claimed}, shown as {@code unpublished}) and emits course_updated.
     * Like Canvas, it refuses (400) while a student submission of the course has a score or grade.
     */
    public Course unpublishCourse(long courseId) {
        synchronized (store) {
            requireCourse(courseId);
            List<Long> students = store.studentIds(courseId);
            boolean graded = store.submissions(courseId).stream().anyMatch(s -> students.contains(s.userId())
                    && (s.score() != null || s.grade() != null));
            if (graded) {
                throw new IllegalArgumentException("Course cannot be unpublished if student submissions exist.");
            }
            return setCourseState(courseId, Course.CLAIMED);
        }
    }

    /** Publishes the course (workflow_state {@code available}), also a concluded one, and emits course_updated. */
    public Course publishCourse(long courseId) {
        return setCourseState(courseId, Course.AVAILABLE);
    }

    /**
     * Deletes the course, as the Courses API's {@code course[event]=delete} does: from then on the REST API answers 404
     * for it and everything in it, exactly what a wrong Canvas address or a token that lost the course looks like.
     * Emits course_updated.
     */
    public Course deleteCourse(long courseId) {
        return setCourseState(courseId, Course.DELETED);
    }

    /**
     * Restores a deleted course ({@code course[event]=undelete}), unpublished: Canvas's course workflow has
     * {@code state :deleted do event :undelete, transitions_to: :claimed} (instructure/canvas-lms,
     * {@code app/models/course.rb}), and every state has {@code event :delete, transitions_to: :deleted}.
     */
    public Course undeleteCourse(long courseId) {
        return setCourseState(courseId, Course.CLAIMED);
    }

    public Optional<Course> course(long courseId) {
        return store.course(courseId);
    }

    /**
     * Moves the user's enrollments in the course to {@code active}, {@code inactive} (deactivated) or
     * {@code completed} (concluded), emitting enrollment_updated for each one whose state changes; returns them all.
     */
    public List<Enrollment> setEnrollmentState(long courseId, long userId, String state) {
        if (!List.of(Enrollment.ACTIVE, Enrollment.INACTIVE, Enrollment.COMPLETED).contains(state)) {
            throw new IllegalArgumentException("state must be active, inactive or completed");
        }
        synchronized (store) {
            Course course = requireCourse(courseId);
            List<Enrollment> enrollments = store.enrollments(courseId, userId);
            if (enrollments.isEmpty()) {
                throw new UnknownResourceException("user " + userId + " has no enrollment in course " + courseId);
            }
            CanvasUser user = store.user(userId).orElse(null);
            Long teacher = teacherId(courseId);
            List<Enrollment> result = new ArrayList<>();
            for (Enrollment e : enrollments) {
                if (e.state().equals(state)) {
                    result.add(e);
                    continue;
                }
                Enrollment after = e.withState(state, clock.after(e.updatedAt()));
                store.put(after);
                publisher.publish(events.enrollmentUpdated(course, after, user, teacher));
                result.add(after);
            }
            return result;
        }
    }

    /**
     * Sets the course's late policy (no Live Event: Canvas sends none for it) and, when its rules changed in a
     * published course, applies it to every published assignment's late submissions as Canvas's
     * LatePolicyApplicator does, each changed one emitting grade_change and submission_updated.
     */
    public LatePolicy setLatePolicy(long courseId, LatePolicy policy) {
        synchronized (store) {
            Course course = requireCourse(courseId);
            Optional<LatePolicy> before = store.latePolicy(courseId);
            LatePolicy stored = policy.withUpdatedAt(clock.now());
            store.put(courseId, stored);
            if (course.published() && !stored.sameRulesAs(before.orElse(null))) {
                applyLatePolicy(course, store.assignments(courseId));
            }
            return stored;
        }
    }

    public Optional<LatePolicy> latePolicy(long courseId) {
        return store.latePolicy(courseId);
    }

    /** The simulator's clock (never earlier than the demo district's today). */
    Instant now() {
        return clock.now();
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

    private Course setCourseState(long courseId, String state) {
        synchronized (store) {
            Course before = requireCourse(courseId);
            Course after = before.withWorkflowState(state, clock.after(before.updatedAt()));
            store.put(after);
            publisher.publish(events.courseUpdated(after, teacherId(courseId)));
            return after;
        }
    }

    /**
     * Publishes what a submission change emits in Canvas: grade_change when score, grade or excuse changed or it
     * became graded; then submission_updated unless it is (still) unsubmitted.
     */
    private void publishSubmission(Course course, Assignment assignment, Submission before, Submission after,
            Long actorId, boolean automatic) {
        boolean gradeChanged = !Objects.equals(before.score(), after.score())
                || !Objects.equals(before.grade(), after.grade()) || before.excused() != after.excused()
                || (!Submission.GRADED.equals(before.workflowState())
                        && Submission.GRADED.equals(after.workflowState()));
        if (gradeChanged) {
            publisher.publish(events.gradeChange(course, assignment, before, after,
                    store.user(after.userId()).orElse(null), automatic ? after.graderId() : actorId, actorId,
                    after.updatedAt()));
        }
        if (!Submission.UNSUBMITTED.equals(after.workflowState())) {
            publisher.publish(events.submissionUpdated(course, assignment, after, actorId, after.updatedAt()));
        }
    }

    /** Canvas's SubmissionLifecycleManager for one assignment, then its LatePolicyApplicator. */
    private void recomputeDueDates(Course course, Assignment assignment) {
        for (Submission s : store.submissionsOf(assignment.id())) {
            SubmissionChanges.dueDate(s, DueDates.effective(store, assignment, s.userId())).ifPresent(store::put);
        }
        applyLatePolicy(course, List.of(assignment));
    }

    /**
     * Canvas's LatePolicyApplicator (a background job: no acting user): for published assignments worth points, the
     * late graded submissions and the no-longer-late deducted ones get the deduction the policy gives now.
     */
    private void applyLatePolicy(Course course, List<Assignment> assignments) {
        Optional<LatePolicy> policy = store.latePolicy(course.id());
        if (policy.isEmpty() || !policy.get().lateSubmissionDeductionEnabled()) {
            return;
        }
        for (Assignment a : assignments) {
            if (!a.published() || a.deleted() || a.pointsPossible() == null || a.pointsPossible() <= 0) {
                continue;
            }
            for (Submission s : store.submissionsOf(a.id())) {
                if (!SubmissionChanges.latePolicyRelevant(s)) {
                    continue;
                }
                Optional<Submission> changed = SubmissionChanges.applyLatePolicy(s, a, policy.get(),
                        clock.after(s.updatedAt()));
                changed.ifPresent(after -> {
                    store.put(after);
                    publishSubmission(course, a, s, after, null, true);
                });
            }
        }
    }

    private Submission requireSubmission(long courseId, long assignmentId, long userId) {
        return submission(courseId, assignmentId, userId)
                .orElseThrow(() -> new UnknownResourceException("no submission of user " + userId));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private Course requireCourse(long courseId) {
        return store.course(courseId).orElseThrow(() -> new UnknownResourceException("no course " + courseId));
    }

    private Assignment requireAssignment(long courseId, long assignmentId) {
        return store.assignment(courseId, assignmentId)
                .orElseThrow(() -> new UnknownResourceException("no assignment " + assignmentId));
    }

    private Section requireSection(long courseId, long sectionId) {
        return store.section(sectionId).filter(sec -> sec.courseId() == courseId)
                .orElseThrow(() -> new IllegalArgumentException("no section " + sectionId + " in course"));
    }

    /** A submission in REST form, with {@code missing} as Canvas computes it now. */
    ObjectNode submissionJson(Submission s) {
        Assignment a = store.assignmentIncludingDeleted(s.courseId(), s.assignmentId()).orElse(null);
        return RestJson.submission(s, s.missingAt(clock.now(), a));
    }

    /** An assignment in REST form with the overrides it has and inherits. */
    ObjectNode assignmentJson(Assignment a) {
        return RestJson.assignment(a, store.overridesOf(a));
    }

    private long requireGroup(long courseId, long groupId) {
        return store.groups(courseId).stream().filter(g -> g.id() == groupId).findFirst().map(AssignmentGroup::id)
                .orElseThrow(() -> new IllegalArgumentException("no assignment group " + groupId + " in course"));
    }

    private Long teacherId(long courseId) {
        return store.teacher(courseId).map(CanvasUser::id).orElse(null);
    }
}
