package org.ccsync.status.domain;

import java.time.Instant;
import java.util.List;

/**
 * One assignment of a course: its overall status with the reason (a skip sentence or IC's error), the IC category
 * and grading period used, when it was last written, its results by status and its lineItem per IC class.
 */
public record AssignmentView(String assignmentId, String title, String groupName, Double pointsPossible,
        Instant dueAt, Boolean published, String workflowState, String status, String reasonCode, String reason,
        String category, String gradingPeriod, Instant lastWrittenAt, ResultCounts results,
        List<LineItemView> lineItems) {

    /** An assignment with each of its results, one per student. */
    public record Detail(AssignmentView assignment, List<StudentView.ResultView> results) {
    }

    /** Results (one per student) by status; {@code written} counts those in IC now. */
    public record ResultCounts(long written, long pending, long skipped, long failed, long removed) {
    }

    /** The assignment's lineItem in one IC class, or the assignment itself when it was skipped as a whole. */
    public record LineItemView(String kind, String classSourcedId, String sourcedId, String status, String reasonCode,
            String message, String category, String gradingPeriod, Instant writtenAt, Instant pendingSince,
            Instant occurredAt) {
    }
}
