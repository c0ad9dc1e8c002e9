package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.List;

/**
 * A due-date override of an assignment for a section, a list of students (ADHOC), a group, or MasteryPaths (Noop).
 *
 * @param noopId 1 for a MasteryPaths override, otherwise null
 */
public record AssignmentOverride(long id, long assignmentId, Long courseSectionId, List<Long> studentIds,
        Long groupId, Long noopId, String title, Instant dueAt) {

    public AssignmentOverride {
        studentIds = studentIds == null ? List.of() : List.copyOf(studentIds);
    }

    public static AssignmentOverride section(long id, long assignmentId, long sectionId, String title,
            Instant dueAt) {
        return new AssignmentOverride(id, assignmentId, sectionId, null, null, null, title, dueAt);
    }

    public static AssignmentOverride students(long id, long assignmentId, List<Long> studentIds, Instant dueAt) {
        String title = studentIds.size() + (studentIds.size() == 1 ? " student" : " students");
        return new AssignmentOverride(id, assignmentId, null, studentIds, null, null, title, dueAt);
    }

    public static AssignmentOverride group(long id, long assignmentId, long groupId, String title, Instant dueAt) {
        return new AssignmentOverride(id, assignmentId, null, null, groupId, null, title, dueAt);
    }

    public static AssignmentOverride masteryPaths(long id, long assignmentId) {
        return new AssignmentOverride(id, assignmentId, null, null, null, 1L, "Mastery Paths", null);
    }

    /** The Canvas override type: CourseSection, ADHOC, Group or Noop. */
    public String type() {
        if (courseSectionId != null) {
            return "CourseSection";
        }
        if (!studentIds.isEmpty()) {
            return "ADHOC";
        }
        if (groupId != null) {
            return "Group";
        }
        return noopId != null ? "Noop" : "Course";
    }
}
