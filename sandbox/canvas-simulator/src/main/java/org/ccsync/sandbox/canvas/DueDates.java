package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A student's effective due date for an assignment, as Canvas's {@code EffectiveDueDates} and
 * {@code AssignmentOverrideApplicator} compute it. A student the assignment explicitly unassigns (through their
 * section or by name) is not assigned it: no date. Otherwise the overrides that name the student or one of the
 * student's sections, the assignment's own and those it inherits from its modules, decide: of those that override
 * the due date, the most lenient date (the latest, no date being the most lenient); when none overrides it, the
 * assignment's base due date. A student no override names gets the base due date, unless the assignment is only
 * visible to its overrides or inherits module overrides (then it is not assigned to everyone).
 */
final class DueDates {

    private DueDates() {
    }

    static Instant effective(CanvasStore store, Assignment a, long userId) {
        List<Long> sections = store.enrollments(a.courseId(), userId).stream().map(Enrollment::sectionId).toList();
        List<AssignmentOverride> moduleOverrides = store.moduleOverrides(a.id());
        List<AssignmentOverride> applicable = new ArrayList<>();
        for (AssignmentOverride o : a.overrides()) {
            if (o.targets(userId, sections)) {
                if (o.unassignItem()) {
                    return null;
                }
                applicable.add(o);
            }
        }
        moduleOverrides.stream().filter(o -> !o.unassignItem() && o.targets(userId, sections))
                .forEach(applicable::add);
        if (applicable.isEmpty()) {
            return a.onlyVisibleToOverrides() || !moduleOverrides.isEmpty() ? null : a.dueAt();
        }
        List<AssignmentOverride> dated = applicable.stream().filter(AssignmentOverride::dueAtOverridden).toList();
        if (dated.isEmpty()) {
            return a.dueAt();
        }
        Instant latest = null;
        for (AssignmentOverride o : dated) {
            if (o.dueAt() == null) {
                return null;
            }
            latest = latest == null || o.dueAt().isAfter(latest) ? o.dueAt() : latest;
        }
        return latest;
    }
}
