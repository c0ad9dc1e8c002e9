package org.ccsync.ingest.outbound;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncRequest;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the daily schedule's sync requests on {@code sync-requests}, keyed by course. */
@ApplicationScoped
public class SyncRequestPublisher {

    /**
     * The outgoing channel of the {@code sync-requests} topic; it cannot share the topic's name because this service
     * also consumes that topic, and one channel name cannot be both a Kafka source and a Kafka sink.
     */
    public static final String CHANNEL = "sync-requests-out";

    private final MutinyEmitter<SyncRequest> emitter;

    public SyncRequestPublisher(@Channel(CHANNEL) MutinyEmitter<SyncRequest> emitter) {
        this.emitter = emitter;
    }

    /** Sends the request and waits for the broker's acknowledgement; throws when it is not acknowledged. */
    public void publish(SyncRequest request) {
        emitter.sendMessageAndAwait(KafkaRecord.of(EventKeys.course(request.tenant(), request.courseId()), request));
    }
}
