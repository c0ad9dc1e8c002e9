package org.ccsync.status.domain;

import java.time.Instant;
import java.util.List;

/** A district at a glance: IC health and alerts, totals, and its courses with failures first. */
public record DashboardView(String tenant, String timeZone, DistrictHealth health, Totals totals,
        List<CourseSummary> courses) {

    /**
     * The district's IC connection as campus-writer last reported it. {@code alerts} holds {@code ic_unavailable},
     * {@code credentials_invalid}, {@code credentials_expired} or {@code credentials_expiring};
     * {@code identityStrategy} is how Canvas sections and students are matched to IC classes and students
     * ({@code sis-ids} or {@code ic-rostering}).
     */
    public record DistrictHealth(boolean reported, Boolean icAvailable, Boolean credentialsValid,
            Instant credentialsExpireAt, String message, Instant reportedAt, List<String> alerts,
            String identityStrategy) {
    }

    /**
     * The district's item counts and backlog over all its courses; {@code written} counts the items in IC now,
     * {@code removed} those removed from it.
     */
    public record Totals(long courses, long written, long skipped, long failed, long pending, long removed,
            Instant oldestPendingSince, Long oldestPendingAgeSeconds) {
    }
}
