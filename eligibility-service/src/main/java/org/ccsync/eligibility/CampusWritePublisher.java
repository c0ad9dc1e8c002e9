package org.ccsync.eligibility;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes IC write commands on campus-writes, keyed by district, and returns only once the broker acked them. */
@ApplicationScoped
public class CampusWritePublisher {

    private final MutinyEmitter<CampusWrite> emitter;

    public CampusWritePublisher(@Channel(Topics.CAMPUS_WRITES) MutinyEmitter<CampusWrite> emitter) {
        this.emitter = emitter;
    }

    /** Sends the commands in order and waits for every acknowledgement. */
    public void publish(List<CampusWrite> writes) {
        AckedSends.sendAll(writes, write -> emitter.sendMessage(
                KafkaRecord.of(EventKeys.district(write.tenant()), write)));
    }

    /** Sends in bounded batches: one record key keeps the order, and the emitter buffer never overflows. */
    static final class AckedSends {

        private static final int BATCH = 100;
        private static final Duration TIMEOUT = Duration.ofSeconds(60);

        private AckedSends() {
        }

        static <T> void sendAll(List<T> items, Function<T, Uni<Void>> send) {
            for (int from = 0; from < items.size(); from += BATCH) {
                List<Uni<Void>> sends = items.subList(from, Math.min(items.size(), from + BATCH)).stream()
                        .map(send)
                        .toList();
                Uni.join().all(sends).andFailFast().await().atMost(TIMEOUT);
            }
        }
    }
}
