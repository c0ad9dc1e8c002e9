package org.ccsync.status;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes sync requests to canvas-ingest and returns only once Kafka has acknowledged them. */
@ApplicationScoped
public class SyncRequestPublisher {

    private final MutinyEmitter<Record<String, SyncRequest>> emitter;

    public SyncRequestPublisher(@Channel(Topics.SYNC_REQUESTS) MutinyEmitter<Record<String, SyncRequest>> emitter) {
        this.emitter = emitter;
    }

    public void publish(SyncRequest request) {
        OutsideTransaction.run(() -> emitter.sendMessageAndAwait(
                Message.of(Record.of(EventKeys.course(request.tenant(), request.courseId()), request))
                        .addMetadata(TracingMetadata.withCurrent(Context.current()))));
    }
}
