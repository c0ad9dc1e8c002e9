package org.ccsync.sandbox.campus;

import java.util.Map;

/**
 * A snapshot of the gradebook traffic counters of one simulator since the last reset.
 *
 * @param totalGradebookRequests gradebook requests received, admitted or rejected
 * @param byStatus               finished gradebook requests by HTTP status; 0 counts connections closed without an answer
 * @param peakConcurrency        highest number of admitted gradebook requests in flight at once
 * @param rejectedBusy           gradebook requests answered 429 at once because the concurrency cap was reached
 * @param tokensIssued           access tokens issued by the token endpoint
 * @param inFlight               admitted gradebook requests not yet answered at snapshot time
 */
public record CampusStats(
        long totalGradebookRequests,
        Map<Integer, Long> byStatus,
        int peakConcurrency,
        long rejectedBusy,
        long tokensIssued,
        int inFlight) {

    /** Copies the status map so the snapshot stays immutable. */
    public CampusStats {
        byStatus = Map.copyOf(byStatus);
    }

    /** Number of finished gradebook requests answered with {@code status}. */
    public long count(int status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
