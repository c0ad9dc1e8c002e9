package org.ccsync.contracts;

import java.time.Instant;

/**
 * An admin mapped a Canvas assignment group to an IC category, for a whole district or for one course; published on
 * {@link Topics#CATEGORY_MAPPINGS} by status-service and applied by campus-writer.
 *
 * @param courseId the course the mapping is for, or null for the whole district
 * @param canvasGroupName the Canvas assignment group's name, as teachers see it
 * @param icCategoryTitle the IC category title to file the group under, or null to remove the mapping
 * @param sourceVersion the change time in epoch milliseconds; an older mapping never wins
 */
public record CategoryMappingChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        String canvasGroupName,
        String icCategoryTitle,
        String changedBy) {
}
