package org.ccsync.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an admin sees for one course: when it last synced, how many items were written, skipped (by reason)
 * and failed (by error), the daily-schedule setting and the recent sync runs.
 */
public record CourseStatusView(
        String tenant,
        String courseId,
        Instant lastSuccessfulSyncAt,
        Instant lastOutcomeAt,
        boolean dailySyncEnabled,
        Counts counts,
        List<SyncRunView> recentRuns) {

    /** Item counts of a course by status. */
    public record Counts(long written, long skipped, long failed, Map<String, Long> skippedByReason,
            Map<String, Long> failedByCode) {
    }
}
