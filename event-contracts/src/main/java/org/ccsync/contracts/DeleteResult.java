package org.ccsync.contracts;

import java.time.Instant;

/**
 * Remove one student's IC result: the score was cleared in Canvas, or an excuse was lifted with no score to replace
 * it. IC must not keep a phantom score or exemption.
 *
 * @param reasonCode why the result goes, for example {@code score_cleared}
 * @param sourceVersion the version of the score snapshot that has no grade any more
 */
public record DeleteResult(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        String assignmentId,
        String classSourcedId,
        String lineItemSourcedId,
        String resultSourcedId,
        String userId,
        String studentSourcedId,
        long sourceVersion,
        String reasonCode) implements CampusWrite {

    @Override
    public String targetSourcedId() {
        return resultSourcedId;
    }
}
