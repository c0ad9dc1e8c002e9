package org.ccsync.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Create or update one student's IC result on one lineItem.
 *
 * @param score null when excused; an excused score is written as {@code exempt}, never 0
 * @param scoreDate the date of the grading, as OneRoster wants it
 * @param gradedAt Canvas {@code graded_at}, the start of the end-to-end latency
 * @param sourceVersion the score's version in epoch milliseconds; an older one never overwrites a newer one
 * @param partiallyGraded part of the score still waits for a teacher's review in Canvas; written with OneRoster's
 *     {@code partially graded} status, never as {@code fully graded}
 */
public record UpsertResult(
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
        Double score,
        boolean excused,
        boolean late,
        boolean missing,
        LocalDate scoreDate,
        Instant gradedAt,
        boolean partiallyGraded) implements CampusWrite {

    @Override
    public String targetSourcedId() {
        return resultSourcedId;
    }
}
