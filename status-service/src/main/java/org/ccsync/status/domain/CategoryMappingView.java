package org.ccsync.status.domain;

import java.time.Instant;

/** A category mapping override: a Canvas assignment group filed under an IC category, district-wide or per course. */
public record CategoryMappingView(String courseId, String canvasGroupName, String icCategoryTitle, String changedBy,
        Instant changedAt, long sourceVersion) {
}
