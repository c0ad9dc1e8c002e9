package org.ccsync.status.domain;

import java.time.Instant;

/**
 * A course in a district's course list or dashboard, with its maintained item counts; {@code written} counts the
 * items in IC now, {@code removed} those removed from it.
 */
public record CourseSummary(String courseId, String name, Instant lastSuccessfulSyncAt, boolean dailySyncEnabled,
        long written, long skipped, long failed, long pending, long removed) {
}
