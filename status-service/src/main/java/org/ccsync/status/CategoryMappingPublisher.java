package org.ccsync.status;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes category mapping overrides to campus-writer and returns only once Kafka has acknowledged them. */
@ApplicationScoped
public class CategoryMappingPublisher {

    private final MutinyEmitter<Record<String, CategoryMappingChanged>> emitter;

    public CategoryMappingPublisher(
            @Channel(Topics.CATEGORY_MAPPINGS) MutinyEmitter<Record<String, CategoryMappingChanged>> emitter) {
        this.emitter = emitter;
    }

    public void publish(CategoryMappingChanged change) {
        OutsideTransaction.run(() -> emitter.sendAndAwait(Record.of(EventKeys.district(change.tenant()), change)));
    }
}
