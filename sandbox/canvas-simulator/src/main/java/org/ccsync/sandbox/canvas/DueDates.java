package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A student's effective due date for an assignment, as Canvas's {@code EffectiveDueDates} computes it: the most
 * lenient date (the latest, no date being the most lenient) of the overrides that name the student or one of the
 * student's sections; without one, the base due date, unless the assignment is only visible to its overrides.
 */
final class DueDates {

    private DueDates() {
    }

    static Instant effective(CanvasStore store, Assignment a, long userId) {
        List<Long> sections = store.enrollments(a.courseId(), userId).stream().map(Enrollment::sectionId).toList();
        List<AssignmentOverride> applicable = new ArrayList<>();
        for (AssignmentOverride o : a.overrides()) {
            if (o.studentIds().contains(userId)
                    || (o.courseSectionId() != null && sections.contains(o.courseSectionId()))) {
                applicable.add(o);
            }
        }
        if (applicable.isEmpty()) {
            return a.onlyVisibleToOverrides() ? null : a.dueAt();
        }
        Instant latest = null;
        for (AssignmentOverride o : applicable) {
            if (o.dueAt() == null) {
                return null;
            }
            latest = latest == null || o.dueAt().isAfter(latest) ? o.dueAt() : latest;
        }
        return latest;
    }
}
