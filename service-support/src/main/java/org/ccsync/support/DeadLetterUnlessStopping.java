package org.ccsync.support;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The consumers' failure strategy ({@code failure-strategy=dead-letter-queue-unless-stopping}): SmallRye's
 * {@code dead-letter-queue}, except while the service stops. A record that fails then (its transaction cut short by
 * the closing database, its producer closed) is left unacknowledged: its offset is not committed, and the next
 * consumer of the partition (this service after its restart, or another replica) handles it again. A rolling update
 * must not fill a dead-letter topic and page an operator.
 */
@ApplicationScoped
@Unremovable // looked up by its identifier when a channel names it
@Identifier(DeadLetterUnlessStopping.STRATEGY)
public class DeadLetterUnlessStopping implements KafkaFailureHandler.Factory {

    /** The name to give {@code mp.messaging.incoming.<channel>.failure-strategy}. */
    public static final String STRATEGY = "dead-letter-queue-unless-stopping";

    private final KafkaFailureHandler.Factory deadLetterQueue;

    public DeadLetterUnlessStopping(@Identifier("dead-letter-queue") KafkaFailureHandler.Factory deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        return new Handler(deadLetterQueue.create(config, vertx, consumer, reportFailure), ServiceShutdown::started);
    }

    /** Parks a failed record on the dead-letter topic, or, while the service stops, leaves it for the next start. */
    static final class Handler implements KafkaFailureHandler {

        private final KafkaFailureHandler deadLetterQueue;
        private final BooleanSupplier stopping;

        Handler(KafkaFailureHandler deadLetterQueue, BooleanSupplier stopping) {
            this.deadLetterQueue = deadLetterQueue;
            this.stopping = stopping;
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            if (stopping.getAsBoolean()) {
                Log.warnf("record %s-%d@%d failed while the service stops (%s); left unacknowledged, it is handled "
                        + "again after the restart", record.getTopic(), record.getPartition(), record.getOffset(),
                        Throwables.rootMessage(reason));
                return Uni.createFrom().voidItem();
            }
            return deadLetterQueue.handle(record, reason, metadata);
        }

        @Override
        public void terminate() {
            deadLetterQueue.terminate();
        }
    }
}
