package org.ccsync.status.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.support.Outbox;

/** Publishes category mapping overrides to campus-writer through the outbox of the caller's transaction. */
@ApplicationScoped
public class CategoryMappingPublisher {

    private final Outbox outbox;

    public CategoryMappingPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Adds the change; it reaches Kafka once the transaction that saved the mapping commits. */
    public void publish(CategoryMappingChanged change) {
        outbox.add(Topics.CATEGORY_MAPPINGS, EventKeys.district(change.tenant()), change);
    }
}
