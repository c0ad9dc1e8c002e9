package org.ccsync.eligibility;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.support.PipelineStages;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes IC write commands on campus-writes, keyed by district, and returns only once the broker acked them. */
@ApplicationScoped
public class CampusWritePublisher {

    private final MutinyEmitter<CampusWrite> emitter;
    private final EligibilityMetrics metrics;

    public CampusWritePublisher(@Channel(Topics.CAMPUS_WRITES) MutinyEmitter<CampusWrite> emitter,
            EligibilityMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Sends the commands in order and waits for every acknowledgement. */
    public void publish(List<CampusWrite> writes) {
        AckedSends.sendAll(writes, write -> emitter.sendMessage(
                KafkaRecord.of(EventKeys.district(write.tenant()), write)
                        .addMetadata(TracingMetadata.withCurrent(Context.current()))));
        for (CampusWrite write : writes) {
            if (write instanceof UpsertResult result) {
                metrics.stage(PipelineStages.WRITE_PUBLISHED, result.gradedAt());
            }
        }
    }
}
