package org.ccsync.writer;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies category-mappings overrides from status-service to the category_mapping table: once per event id, never
 * letting an older change win; a null title removes the override. Unreadable records go to the DLQ.
 */
@ApplicationScoped
public class CategoryMappingListener {

    private final ProcessedEvents processedEvents;
    private final CategoryMappingRepository mappings;

    public CategoryMappingListener(ProcessedEvents processedEvents, CategoryMappingRepository mappings) {
        this.processedEvents = processedEvents;
        this.mappings = mappings;
    }

    @Incoming(Topics.CATEGORY_MAPPINGS)
    @Transactional
    public void on(CategoryMappingChanged change) {
        if (change == null) {
            throw new PoisonRecordException(Topics.CATEGORY_MAPPINGS);
        }
        if (change.tenant() == null || change.canvasGroupName() == null || change.canvasGroupName().isBlank()) {
            throw new IllegalArgumentException("category mapping " + change.eventId()
                    + " names no district or no assignment group");
        }
        try (LogContext ignored = LogContext.open(change.tenant(), change.courseId(), change.eventId())) {
            if (!processedEvents.markProcessed(change.eventId())) {
                Log.infof("skipping duplicate event %s", change.eventId());
                return;
            }
            String scope = change.courseId() == null ? "district " + change.tenant()
                    : "course " + change.courseId() + " of district " + change.tenant();
            if (!mappings.apply(change)) {
                Log.infof("ignoring category mapping %s for group '%s' in %s: a newer change is stored",
                        change.eventId(), change.canvasGroupName(), scope);
            } else if (change.icCategoryTitle() == null) {
                Log.infof("removed the category mapping of group '%s' in %s", change.canvasGroupName(), scope);
            } else {
                Log.infof("group '%s' in %s now maps to IC category '%s'", change.canvasGroupName(), scope,
                        change.icCategoryTitle());
            }
        }
    }
}
