package org.ccsync.writer.lane;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One command waiting in (or running from) its district's lane, with the Kafka message to ack when it is done.
 *
 * @param seq the lane's arrival number; a job put back keeps it, so it also keeps its place
 * @param partition the Kafka partition the command came from, or null outside Kafka
 * @param requeues how often an open circuit put the job back
 */
public record LaneJob(long seq, CampusWrite command, Message<?> message, Instant enqueuedAt,
        TopicPartition partition, int requeues) {

    /** A job for a freshly received message. */
    static LaneJob of(long seq, CampusWrite command, Message<?> message) {
        TopicPartition partition = null;
        Optional<?> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (metadata.isPresent()) {
            IncomingKafkaRecordMetadata<?, ?> kafka = (IncomingKafkaRecordMetadata<?, ?>) metadata.get();
            partition = new TopicPartition(kafka.getTopic(), kafka.getPartition());
        }
        return new LaneJob(seq, command, message, Instant.now(), partition, 0);
    }

    /** The IC lineItem the command belongs to: its order is kept per lineItem. */
    String lineItem() {
        String id = command.lineItemSourcedId();
        return id != null ? id : target();
    }

    /** The IC item the command writes. */
    String target() {
        String id = command.targetSourcedId();
        return id != null ? id : command.eventId();
    }

    /** A lineItem upsert or delete: nothing else of its lineItem may run beside it or overtake it. */
    boolean barrier() {
        return command instanceof UpsertLineItem || command instanceof DeleteLineItem;
    }

    /** A result write or delete, which a newer one for the same result may replace while it waits. */
    boolean result() {
        return command instanceof UpsertResult || command instanceof DeleteResult;
    }

    /** The same place in the lane with a newer command (coalescing). */
    LaneJob replacedBy(LaneJob newer) {
        return new LaneJob(seq, newer.command, newer.message, enqueuedAt, newer.partition, requeues);
    }

    /** The job put back by an open circuit. */
    LaneJob requeued() {
        return new LaneJob(seq, command, message, enqueuedAt, partition, requeues + 1);
    }
}
