package org.ccsync.sandbox.canvas;

import java.time.Instant;

/**
 * What a teacher fills in to create an assignment; a null group means the course's first assignment group.
 */
public record NewAssignment(String name, Double pointsPossible, Instant dueAt, Long assignmentGroupId,
        boolean postToSis, boolean published, String gradingType, boolean omitFromFinalGrade,
        boolean postManually) {

    static final String NOT_GRADED = "not_graded";

    public NewAssignment {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        gradingType = gradingType == null ? "points" : gradingType;
    }

    /** A published points assignment that posts to SIS, without due date, in the course's first group. */
    public static NewAssignment named(String name, double pointsPossible) {
        return new NewAssignment(name, pointsPossible, null, null, true, true, "points", false, false);
    }

    public NewAssignment withDueAt(Instant value) {
        return new NewAssignment(name, pointsPossible, value, assignmentGroupId, postToSis, published, gradingType,
                omitFromFinalGrade, postManually);
    }

    public NewAssignment withAssignmentGroupId(Long value) {
        return new NewAssignment(name, pointsPossible, dueAt, value, postToSis, published, gradingType,
                omitFromFinalGrade, postManually);
    }

    public NewAssignment withPostToSis(boolean value) {
        return new NewAssignment(name, pointsPossible, dueAt, assignmentGroupId, value, published, gradingType,
                omitFromFinalGrade, postManually);
    }

    public NewAssignment withPublished(boolean value) {
        return new NewAssignment(name, pointsPossible, dueAt, assignmentGroupId, postToSis, value, gradingType,
                omitFromFinalGrade, postManually);
    }

    public NewAssignment withGradingType(String value) {
        return new NewAssignment(name, pointsPossible, dueAt, assignmentGroupId, postToSis, published, value,
                omitFromFinalGrade, postManually);
    }

    public NewAssignment withOmitFromFinalGrade(boolean value) {
        return new NewAssignment(name, pointsPossible, dueAt, assignmentGroupId, postToSis, published, gradingType,
                value, postManually);
    }

    public NewAssignment withPostManually(boolean value) {
        return new NewAssignment(name, pointsPossible, dueAt, assignmentGroupId, postToSis, published, gradingType,
                omitFromFinalGrade, value);
    }

    Assignment toAssignment(long id, long courseId, long groupId, Instant now) {
        boolean sis = postToSis && !NOT_GRADED.equals(gradingType);
        return new Assignment(id, courseId, name, NOT_GRADED.equals(gradingType) ? null : pointsPossible,
                gradingType, dueAt, sis, published, Assignment.workflowStateFor(published), omitFromFinalGrade,
                false, groupId, postManually, now, now, null);
    }
}
