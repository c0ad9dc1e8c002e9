package org.ccsync.writer.inbound;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.support.LogContext;
import org.ccsync.support.PoisonRecordException;
import org.ccsync.support.ProcessedEvents;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.persistence.CategoryMappingRepository;

/**
 * Applies category-mappings overrides from status-service to the category_mapping table: once per event id, never
 * letting an older change win; a null title removes the override. Then every lineItem of the district (or course)
 * that was refused is tried again, so a mapping saved after a {@code no_category_mapping} failure brings the lineItem
 * and its parked results to IC without any edit in Canvas. Unreadable records go to the DLQ.
 */
@ApplicationScoped
public class CategoryMappingListener {

    private final ProcessedEvents processedEvents;
    private final CategoryMappingRepository mappings;
    private final CampusWriteRequeue requeue;

    public CategoryMappingListener(ProcessedEvents processedEvents, CategoryMappingRepository mappings,
            CampusWriteRequeue requeue) {
        this.processedEvents = processedEvents;
        this.mappings = mappings;
        this.requeue = requeue;
    }

    /**
     * The mapping is stored in one transaction, the refused lineItems are requeued outside any transaction, and only
     * then is the event marked consumed: a crash in between applies the (version-checked) mapping and requeues again.
     */
    @Incoming(Topics.CATEGORY_MAPPINGS)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void on(CategoryMappingChanged change) {
        if (change == null) {
            throw new PoisonRecordException(Topics.CATEGORY_MAPPINGS);
        }
        if (change.tenant() == null || change.canvasGroupName() == null || change.canvasGroupName().isBlank()) {
            throw new IllegalArgumentException("category mapping " + change.eventId()
                    + " names no district or no assignment group");
        }
        try (LogContext ignored = LogContext.open(change.tenant(), change.courseId(), change.eventId())) {
            if (QuarkusTransaction.requiringNew().call(() -> processedEvents.isProcessed(change.eventId()))) {
                Log.infof("skipping duplicate event %s", change.eventId());
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> apply(change));
            requeue.retryRefusedLineItems(change.tenant(), change.courseId(), change.eventId());
            QuarkusTransaction.requiringNew().run(() -> processedEvents.markProcessed(change.eventId()));
        }
    }

    private void apply(CategoryMappingChanged change) {
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
