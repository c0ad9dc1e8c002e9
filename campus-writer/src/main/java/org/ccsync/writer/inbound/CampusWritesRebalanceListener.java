package org.ccsync.writer.inbound;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.writer.lane.LaneRegistry;

/**
 * Tells the lanes which campus-writes partitions this replica lost, so they drop those queued writes and go idle
 * soon: the new owner's lane can then take the district lock.
 */
@ApplicationScoped
@Identifier(CampusWritesRebalanceListener.NAME)
public class CampusWritesRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "campus-writes-rebalance";

    private final LaneRegistry lanes;

    public CampusWritesRebalanceListener(LaneRegistry lanes) {
        this.lanes = lanes;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lanes.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lanes.revoked(partitions);
    }
}
