package org.ccsync.contracts;

import java.time.Instant;

/**
 * Delete the IC lineItem of an assignment that became ineligible after it was synced.
 *
 * @param reasonCode the eligibility rule that turned the item ineligible, or {@code deleted}
 */
public record DeleteLineItem(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        String assignmentId,
        String classSourcedId,
        String lineItemSourcedId,
        long sourceVersion,
        String reasonCode) implements CampusWrite {

    @Override
    public String targetSourcedId() {
        return lineItemSourcedId;
    }
}
