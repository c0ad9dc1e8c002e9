package org.ccsync.status.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an admin sees for one course: when it last synced, how many items are in IC now (written), are pending, were
 * skipped (by reason), failed (by error) and were removed from IC, the backlog, the daily-schedule setting and the
 * recent sync runs.
 */
public record CourseStatusView(
        String tenant,
        String courseId,
        String name,
        Boolean published,
        Instant lastSuccessfulSyncAt,
        Instant lastOutcomeAt,
        boolean dailySyncEnabled,
        DailySyncService.DailySync dailySync,
        Counts counts,
        Backlog backlog,
        List<SyncRunView> recentRuns) {

    /**
     * Item counts of a course by status. {@code written} counts only items Infinite Campus holds now; {@code removed}
     * those it held and no longer does (a deleted lineItem and the results it took along, a cleared score).
     */
    public record Counts(long written, long skipped, long failed, long pending, long removed,
            Map<String, Long> skippedByReason, Map<String, Long> failedByCode) {
    }

    /** Items waiting for Infinite Campus: how many, and since when the oldest waits. */
    public record Backlog(long pending, Instant oldestPendingSince, Long oldestAgeSeconds) {
    }
}
