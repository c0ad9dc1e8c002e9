package org.ccsync.writer.inbound;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.Topics;
import org.ccsync.support.PipelineStages;
import org.ccsync.support.LogContext;
import org.ccsync.support.PoisonRecordException;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ccsync.writer.lane.LaneRegistry;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Hands each campus-writes record to its district's lane without waiting for the write, so a slow or failing
 * district never holds up another one, even on the same partition; the lane acks the record when IC is done.
 */
@ApplicationScoped
public class CampusWriteListener {

    private final LaneRegistry lanes;
    private final WriterMetrics metrics;

    public CampusWriteListener(LaneRegistry lanes, WriterMetrics metrics) {
        this.lanes = lanes;
        this.metrics = metrics;
    }

    /**
     * Runs on the connector's event loop and returns as soon as the lane took the record. SmallRye chains the
     * returned stages one after another, so waiting here for the IC write would serialise every district again;
     * the lane acks (or nacks to the DLQ) later, and the throttled commit strategy handles acks out of order.
     */
    @Incoming(Topics.CAMPUS_WRITES)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> on(Message<CampusWrite> message) {
        CampusWrite command = message.getPayload();
        if (command == null) {
            return quietly(message.nack(new PoisonRecordException(Topics.CAMPUS_WRITES)));
        }
        metrics.stage(PipelineStages.WRITER_RECEIVED, command);
        try (LogContext ignored = LogContext.of(command)) {
            try {
                Log.debugf("%s %s for %s: queued in the lane of district %s", command.getClass().getSimpleName(),
                        command.eventId(), command.targetSourcedId(), command.tenant());
                if (!lanes.submit(command, message)) {
                    Log.debugf("shutting down: %s stays uncommitted and is read again after the restart",
                            command.eventId());
                }
            } catch (RuntimeException e) {
                Log.errorf(e, "could not queue %s; it goes to %s", command.eventId(),
                        Topics.dlq(Topics.CAMPUS_WRITES));
                return quietly(message.nack(e));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** A failed stage would stop the channel; the record stays uncommitted instead and comes back on restart. */
    private static CompletionStage<Void> quietly(CompletionStage<Void> stage) {
        return stage.exceptionally(e -> {
            Log.errorf(e, "could not move a record of %s to %s", Topics.CAMPUS_WRITES,
                    Topics.dlq(Topics.CAMPUS_WRITES));
            return null;
        });
    }
}
