package org.ccsync.sandbox.canvas;

import java.time.Instant;

/**
 * A partial assignment update; null fields stay unchanged, and {@code clearDueAt} removes the base due date.
 *
 * @param onlyVisibleToOverrides whether only the students the overrides name see the assignment (no "Everyone")
 */
public record AssignmentPatch(String name, Double pointsPossible, Instant dueAt, boolean clearDueAt,
        Boolean postToSis, Boolean published, Boolean omitFromFinalGrade, String gradingType,
        Long assignmentGroupId, Boolean onlyVisibleToOverrides) {

    /** A patch without {@code onlyVisibleToOverrides}. */
    public AssignmentPatch(String name, Double pointsPossible, Instant dueAt, boolean clearDueAt, Boolean postToSis,
            Boolean published, Boolean omitFromFinalGrade, String gradingType, Long assignmentGroupId) {
        this(name, pointsPossible, dueAt, clearDueAt, postToSis, published, omitFromFinalGrade, gradingType,
                assignmentGroupId, null);
    }

    public static AssignmentPatch none() {
        return new AssignmentPatch(null, null, null, false, null, null, null, null, null, null);
    }

    public AssignmentPatch withOnlyVisibleToOverrides(Boolean value) {
        return new AssignmentPatch(name, pointsPossible, dueAt, clearDueAt, postToSis, published,
                omitFromFinalGrade, gradingType, assignmentGroupId, value);
    }

    public AssignmentPatch withName(String value) {
        return new AssignmentPatch(value, pointsPossible, dueAt, clearDueAt, postToSis, published,
                omitFromFinalGrade, gradingType, assignmentGroupId, onlyVisibleToOverrides);
    }

    public AssignmentPatch withPointsPossible(Double value) {
        return new AssignmentPatch(name, value, dueAt, clearDueAt, postToSis, published, omitFromFinalGrade,
                gradingType, assignmentGroupId, onlyVisibleToOverrides);
    }

    /** Sets the base due date; null clears it. */
    public AssignmentPatch withDueAt(Instant value) {
        return new AssignmentPatch(name, pointsPossible, value, value == null, postToSis, published,
                omitFromFinalGrade, gradingType, assignmentGroupId, onlyVisibleToOverrides);
    }

    public AssignmentPatch withPostToSis(Boolean value) {
        return new AssignmentPatch(name, pointsPossible, dueAt, clearDueAt, value, published, omitFromFinalGrade,
                gradingType, assignmentGroupId, onlyVisibleToOverrides);
    }

    public AssignmentPatch withPublished(Boolean value) {
        return new AssignmentPatch(name, pointsPossible, dueAt, clearDueAt, postToSis, value, omitFromFinalGrade,
                gradingType, assignmentGroupId, onlyVisibleToOverrides);
    }

    public AssignmentPatch withOmitFromFinalGrade(Boolean value) {
        return new AssignmentPatch(name, pointsPossible, dueAt, clearDueAt, postToSis, published, value,
                gradingType, assignmentGroupId, onlyVisibleToOverrides);
    }

    public AssignmentPatch withGradingType(String value) {
        return new AssignmentPatch(name, pointsPossible, dueAt, clearDueAt, postToSis, published,
                omitFromFinalGrade, value, assignmentGroupId, onlyVisibleToOverrides);
    }

    public AssignmentPatch withAssignmentGroupId(Long value) {
        return new AssignmentPatch(name, pointsPossible, dueAt, clearDueAt, postToSis, published,
                omitFromFinalGrade, gradingType, value, onlyVisibleToOverrides);
    }

    /** The patched assignment, with {@code updated_at = now}; ungraded types never post to SIS. */
    Assignment applyTo(Assignment a, Instant now) {
        String newGradingType = gradingType != null ? gradingType : a.gradingType();
        boolean newPublished = published != null ? published : a.published();
        boolean newPostToSis = !NewAssignment.NOT_GRADED.equals(newGradingType)
                && (postToSis != null ? postToSis : a.postToSis());
        Instant newDueAt = clearDueAt ? null : dueAt != null ? dueAt : a.dueAt();
        String workflow = a.deleted() ? Assignment.DELETED : Assignment.workflowStateFor(newPublished);
        return new Assignment(a.id(), a.courseId(), name != null ? name : a.name(),
                pointsPossible != null ? pointsPossible : a.pointsPossible(), newGradingType, newDueAt, newPostToSis,
                newPublished, workflow, omitFromFinalGrade != null ? omitFromFinalGrade : a.omitFromFinalGrade(),
                onlyVisibleToOverrides != null ? onlyVisibleToOverrides : a.onlyVisibleToOverrides(),
                assignmentGroupId != null ? assignmentGroupId : a.assignmentGroupId(),
                a.postManually(), a.createdAt(), now, a.overrides());
    }
}
