package org.ccsync.sandbox.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Thread-safe in-memory Canvas data of immutable records; every method locks the store, and callers lock it
 * themselves to make a multi-step change atomic.
 */
final class CanvasStore {

    private final Map<Long, Course> courses = new TreeMap<>();
    private final Map<Long, Section> sections = new TreeMap<>();
    private final Map<Long, CanvasUser> users = new TreeMap<>();
    private final Map<Long, Enrollment> enrollments = new TreeMap<>();
    private final Map<Long, AssignmentGroup> groups = new TreeMap<>();
    private final Map<Long, GradingPeriod> gradingPeriods = new TreeMap<>();
    private final Map<Long, Assignment> assignments = new TreeMap<>();
    private final Map<Long, Submission> submissions = new TreeMap<>();
    private final Map<Long, Map<Long, Long>> submissionIdsByAssignmentAndUser = new HashMap<>();
    private final Map<Long, LatePolicy> latePolicies = new HashMap<>();
    private final Map<Long, ContextModule> modules = new TreeMap<>();
    private long lastAssignmentId;
    private long lastSubmissionId;
    private long lastOverrideId;

    synchronized void clear() {
        courses.clear();
        sections.clear();
        users.clear();
        enrollments.clear();
        groups.clear();
        gradingPeriods.clear();
        assignments.clear();
        submissions.clear();
        submissionIdsByAssignmentAndUser.clear();
        latePolicies.clear();
        modules.clear();
        lastAssignmentId = 0;
        lastSubmissionId = 0;
        lastOverrideId = 0;
    }

    synchronized void put(Course course) {
        courses.put(course.id(), course);
    }

    synchronized void put(Section section) {
        sections.put(section.id(), section);
    }

    synchronized void put(CanvasUser user) {
        users.put(user.id(), user);
    }

    synchronized void put(Enrollment enrollment) {
        enrollments.put(enrollment.id(), enrollment);
    }

    synchronized void put(AssignmentGroup group) {
        groups.put(group.id(), group);
    }

    synchronized void put(GradingPeriod period) {
        gradingPeriods.put(period.id(), period);
    }

    synchronized void put(Assignment assignment) {
        assignments.put(assignment.id(), assignment);
        lastAssignmentId = Math.max(lastAssignmentId, assignment.id());
        assignment.overrides().forEach(o -> lastOverrideId = Math.max(lastOverrideId, o.id()));
    }

    synchronized void put(ContextModule module) {
        modules.put(module.id(), module);
        module.overrides().forEach(o -> lastOverrideId = Math.max(lastOverrideId, o.id()));
    }

    synchronized Optional<ContextModule> module(long id) {
        return Optional.ofNullable(modules.get(id));
    }

    synchronized long nextModuleId() {
        return modules.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    /** The overrides of the modules that hold the assignment, which it inherits. */
    synchronized List<AssignmentOverride> moduleOverrides(long assignmentId) {
        List<AssignmentOverride> result = new ArrayList<>();
        modules.values().stream().filter(m -> m.assignmentIds().contains(assignmentId))
                .forEach(m -> result.addAll(m.overrides()));
        return result;
    }

    /** The assignment's own overrides followed by the ones it inherits from its modules. */
    synchronized List<AssignmentOverride> overridesOf(Assignment assignment) {
        List<AssignmentOverride> result = new ArrayList<>(assignment.overrides());
        result.addAll(moduleOverrides(assignment.id()));
        return result;
    }

    /** A section id never used before. */
    synchronized long nextSectionId() {
        return sections.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    /** An enrollment id never used before. */
    synchronized long nextEnrollmentId() {
        return enrollments.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    /** An assignment group id never used before. */
    synchronized long nextGroupId() {
        return groups.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    synchronized Optional<AssignmentGroup> group(long id) {
        return Optional.ofNullable(groups.get(id));
    }

    synchronized void put(long courseId, LatePolicy policy) {
        latePolicies.put(courseId, policy);
    }

    synchronized Optional<LatePolicy> latePolicy(long courseId) {
        return Optional.ofNullable(latePolicies.get(courseId));
    }

    /** An override id never used before, deleted overrides included. */
    synchronized long nextOverrideId() {
        return ++lastOverrideId;
    }

    synchronized void put(Submission submission) {
        submissions.put(submission.id(), submission);
        submissionIdsByAssignmentAndUser.computeIfAbsent(submission.assignmentId(), a -> new HashMap<>())
                .put(submission.userId(), submission.id());
        lastSubmissionId = Math.max(lastSubmissionId, submission.id());
    }

    synchronized long nextAssignmentId() {
        return lastAssignmentId + 1;
    }

    synchronized long nextSubmissionId() {
        return lastSubmissionId + 1;
    }

    synchronized List<Course> courses() {
        return List.copyOf(courses.values());
    }

    synchronized Optional<Course> course(long id) {
        return Optional.ofNullable(courses.get(id));
    }

    synchronized Optional<Course> courseBySisId(String sisCourseId) {
        return courses.values().stream().filter(c -> sisCourseId.equals(c.sisCourseId())).findFirst();
    }

    synchronized List<Section> sections(long courseId) {
        return sections.values().stream().filter(s -> s.courseId() == courseId).toList();
    }

    synchronized Optional<Section> section(long id) {
        return Optional.ofNullable(sections.get(id));
    }

    synchronized Optional<CanvasUser> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized Optional<CanvasUser> userBySisId(String sisUserId) {
        return users.values().stream().filter(u -> sisUserId.equals(u.sisUserId())).findFirst();
    }

    synchronized List<Enrollment> enrollments(long courseId) {
        return enrollments.values().stream().filter(e -> e.courseId() == courseId).toList();
    }

    /** Distinct ids of the course's students, ascending. */
    synchronized List<Long> studentIds(long courseId) {
        TreeSet<Long> ids = new TreeSet<>();
        enrollments.values().stream().filter(e -> e.courseId() == courseId && e.student())
                .forEach(e -> ids.add(e.userId()));
        return List.copyOf(ids);
    }

    /** The course's first teacher, who acts in the Live Events the control API causes. */
    synchronized Optional<CanvasUser> teacher(long courseId) {
        return enrollments.values().stream()
                .filter(e -> e.courseId() == courseId && Enrollment.TEACHER.equals(e.type())).findFirst()
                .map(e -> users.get(e.userId()));
    }

    /** The user's enrollments in the course, in every state. */
    synchronized List<Enrollment> enrollments(long courseId, long userId) {
        return enrollments.values().stream().filter(e -> e.courseId() == courseId && e.userId() == userId).toList();
    }

    synchronized List<AssignmentGroup> groups(long courseId) {
        return groups.values().stream().filter(g -> g.courseId() == courseId).toList();
    }

    synchronized List<GradingPeriod> gradingPeriods() {
        return List.copyOf(gradingPeriods.values());
    }

    /** The course's assignments that are not deleted, by id. */
    synchronized List<Assignment> assignments(long courseId) {
        return assignments.values().stream().filter(a -> a.courseId() == courseId && !a.deleted()).toList();
    }

    /** A non-deleted assignment of the course. */
    synchronized Optional<Assignment> assignment(long courseId, long assignmentId) {
        return Optional.ofNullable(assignments.get(assignmentId))
                .filter(a -> a.courseId() == courseId && !a.deleted());
    }

    synchronized Optional<Assignment> assignmentIncludingDeleted(long courseId, long assignmentId) {
        return Optional.ofNullable(assignments.get(assignmentId)).filter(a -> a.courseId() == courseId);
    }

    /** Every submission of the course's non-deleted assignments, by id. */
    synchronized List<Submission> submissions(long courseId) {
        List<Submission> result = new ArrayList<>();
        for (Submission s : submissions.values()) {
            Assignment a = assignments.get(s.assignmentId());
            if (s.courseId() == courseId && a != null && !a.deleted()) {
                result.add(s);
            }
        }
        return result;
    }

    synchronized List<Submission> submissionsOf(long assignmentId) {
        return submissions.values().stream().filter(s -> s.assignmentId() == assignmentId).toList();
    }

    synchronized Optional<Submission> submission(long assignmentId, long userId) {
        Long id = submissionIdsByAssignmentAndUser.getOrDefault(assignmentId, Map.of()).get(userId);
        return Optional.ofNullable(id == null ? null : submissions.get(id));
    }
}
