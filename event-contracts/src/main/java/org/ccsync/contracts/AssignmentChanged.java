package org.ccsync.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The state of one Canvas assignment, re-read over REST. A deleted assignment has
 * {@code workflowState = "deleted"}.
 *
 * @param sourceVersion the assignment's {@code updated_at} in epoch milliseconds
 * @param sectionDueDates each section the assignment targets, with its effective due date
 */
public record AssignmentChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        String assignmentId,
        long sourceVersion,
        String name,
        Double pointsPossible,
        String gradingType,
        String workflowState,
        boolean published,
        boolean postToSis,
        boolean omitFromFinalGrade,
        boolean onlyVisibleToOverrides,
        Instant dueAt,
        AssignmentGroupRef group,
        List<AssignmentOverride> overrides,
        List<SectionDueDate> sectionDueDates) implements CanvasChange {
}
