package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

class DeadLetterUnlessStoppingTest {

    private final List<Long> deadLettered = new ArrayList<>();
    private final List<Long> committed = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Stands in for SmallRye's dead-letter-queue: it sends the record on, then acknowledges it. */
    private final KafkaFailureHandler deadLetterQueue = new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(record.getOffset());
            return Uni.createFrom().completionStage(record.ack());
        }
    };

    private final KafkaCommitHandler commits = new KafkaCommitHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            committed.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }
    };

    private final DeadLetterUnlessStopping.Handler handler =
            new DeadLetterUnlessStopping.Handler(deadLetterQueue, stopping::get);

    @Test
    void aRecordThatFailsWhileRunningGoesToTheDeadLetterTopic() throws Exception {
        record(7).nack(new IllegalArgumentException("unreadable")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(deadLettered).containsExactly(7L);
        assertThat(committed).containsExactly(7L);
    }

    @Test
    void aRecordThatFailsWhileTheServiceStopsIsLeftUncommittedForTheNextStart() throws Exception {
        stopping.set(true);

        record(8).nack(new IllegalStateException("EntityManagerFactory is closed")).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(deadLettered).isEmpty();
        assertThat(committed).isEmpty();
    }

    private IncomingKafkaRecord<String, String> record(long offset) {
        return new IncomingKafkaRecord<>(new ConsumerRecord<>("canvas-changes", 0, offset, "key", "value"),
                "canvas-changes", 0, commits, handler, false, false);
    }
}
