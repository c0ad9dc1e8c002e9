package org.ccsync.contracts;

import java.time.Instant;

/**
 * Create or update the IC lineItem of one assignment in one class.
 *
 * @param dueDate the section's effective due date; it chooses the IC grading period
 * @param group the Canvas assignment group, mapped to an IC category by the writer
 * @param sourceVersion the assignment's {@code updated_at} in epoch milliseconds
 */
public record UpsertLineItem(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        String assignmentId,
        String classSourcedId,
        String lineItemSourcedId,
        long sourceVersion,
        String title,
        double pointsPossible,
        Instant assignDate,
        Instant dueDate,
        AssignmentGroupRef group) implements CampusWrite {

    @Override
    public String targetSourcedId() {
        return lineItemSourcedId;
    }
}
