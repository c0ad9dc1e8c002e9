package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.List;

/**
 * A due-date override of an assignment for a section, a list of students (ADHOC), a group, or MasteryPaths (Noop);
 * or, set on a module ({@code contextModuleId}), an assignment of the module to a section or students. Like Canvas's
 * {@code AssignmentOverride}, each date is either overridden (possibly to none) or not: a date that is not overridden
 * is not in the REST JSON, and the target keeps the assignment's own date.
 *
 * @param assignmentId the assignment it is stored with; a module override belongs to the module, not to it
 * @param noopId 1 for a MasteryPaths override, otherwise null
 * @param dueAtOverridden whether the override sets the due date (Canvas's {@code due_at_overridden}); {@code dueAt}
 *     may then be null, "no due date" for its target
 * @param unlockAt the overridden "available from" date, null when not overridden
 * @param lockAt the overridden "available until" date, null when not overridden
 * @param unassignItem the target is explicitly unassigned from the assignment (Canvas's {@code unassign_item})
 * @param contextModuleId the module whose "assign to" this override is, inherited by the module's assignments
 */
public record AssignmentOverride(long id, long assignmentId, Long courseSectionId, List<Long> studentIds,
        Long groupId, Long noopId, String title, boolean dueAtOverridden, Instant dueAt, Instant unlockAt,
        Instant lockAt, boolean unassignItem, Long contextModuleId, String contextModuleName) {

    public AssignmentOverride {
        studentIds = studentIds == null ? List.of() : List.copyOf(studentIds);
        if (!dueAtOverridden) {
            dueAt = null;
        }
    }

    /** A section override that sets the due date, or, when {@code dueAt} is null, none of the dates. */
    public static AssignmentOverride section(long id, long assignmentId, long sectionId, String title,
            Instant dueAt) {
        return new AssignmentOverride(id, assignmentId, sectionId, null, null, null, title, dueAt != null, dueAt,
                null, null, false, null, null);
    }

    /** A section override with exactly the dates {@code dates} overrides. */
    public static AssignmentOverride section(long id, long assignmentId, long sectionId, String title,
            OverrideDates dates) {
        return new AssignmentOverride(id, assignmentId, sectionId, null, null, null, title, dates.dueAtOverridden(),
                dates.dueAt(), dates.unlockAt(), dates.lockAt(), false, null, null);
    }

    /** The section is explicitly unassigned from the assignment ("Assign to" without it). */
    public static AssignmentOverride unassignedSection(long id, long assignmentId, long sectionId, String title) {
        return new AssignmentOverride(id, assignmentId, sectionId, null, null, null, title, false, null, null, null,
                true, null, null);
    }

    /** An ADHOC override; its due date is overridden only when given. */
    public static AssignmentOverride students(long id, long assignmentId, List<Long> studentIds, Instant dueAt) {
        String title = studentIds.size() + (studentIds.size() == 1 ? " student" : " students");
        return new AssignmentOverride(id, assignmentId, null, studentIds, null, null, title, dueAt != null, dueAt,
                null, null, false, null, null);
    }

    public static AssignmentOverride group(long id, long assignmentId, long groupId, String title, Instant dueAt) {
        return new AssignmentOverride(id, assignmentId, null, null, groupId, null, title, dueAt != null, dueAt, null,
                null, false, null, null);
    }

    public static AssignmentOverride masteryPaths(long id, long assignmentId) {
        return new AssignmentOverride(id, assignmentId, null, null, null, 1L, "Mastery Paths", false, null, null,
                null, false, null, null);
    }

    /** A module's "assign to" a section: no dates (modules have none), inherited by the module's assignments. */
    public static AssignmentOverride moduleSection(long id, ContextModule module, long sectionId, String title) {
        return new AssignmentOverride(id, 0, sectionId, null, null, null, title, false, null, null, null, false,
                module.id(), module.name());
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

    /** Whether this is a module's override, inherited by its assignments. */
    public boolean fromModule() {
        return contextModuleId != null;
    }

    /** Whether it names the student, directly or through one of the student's sections. */
    boolean targets(long userId, List<Long> sectionIds) {
        return studentIds.contains(userId) || (courseSectionId != null && sectionIds.contains(courseSectionId));
    }

    AssignmentOverride withDates(OverrideDates dates) {
        return new AssignmentOverride(id, assignmentId, courseSectionId, studentIds, groupId, noopId, title,
                dates.dueAtOverridden(), dates.dueAt(), dates.unlockAt(), dates.lockAt(), unassignItem,
                contextModuleId, contextModuleName);
    }
}
