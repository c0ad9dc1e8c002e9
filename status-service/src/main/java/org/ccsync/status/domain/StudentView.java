package org.ccsync.status.domain;

import java.time.Instant;
import java.util.List;

/**
 * One student of a course: the worst status over their results with its reason, the last score written to IC and
 * every result that failed, with IC's message.
 */
public record StudentView(String userId, String sisUserId, String name, List<String> sections, String status,
        String reasonCode, String reason, AssignmentView.ResultCounts results, Double lastScoreWritten,
        String lastScoreAssignmentId, String lastScoreAssignmentTitle, Instant lastWrittenAt,
        List<ResultView> errors) {

    /** One result of the student: the latest status, the last score written and the reason or IC's message. */
    public record ResultView(String assignmentId, String title, String userId, String studentName,
            String classSourcedId, String status, String reasonCode, String message, Double scoreWritten,
            Instant writtenAt, Instant pendingSince, Instant occurredAt) {
    }

    /** A student with each of their results. */
    public record Detail(StudentView student, List<ResultView> results) {
    }
}
