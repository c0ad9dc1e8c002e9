package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.support.LogContext;
import org.ccsync.support.PipelineStages;
import org.ccsync.support.TransientFailures;
import org.ccsync.writer.lane.Completion;
import org.ccsync.writer.lane.LaneJob;
import org.ccsync.writer.lane.TwoPhaseWork;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.outbound.ic.CircuitOpenException;
import org.ccsync.writer.outbound.ic.OneRosterClient;
import org.ccsync.writer.outbound.ic.WriteFailure;
import org.ccsync.writer.persistence.LineItemRejections;
import org.ccsync.writer.platform.JobTracing;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Applies one campus-writes command to Infinite Campus on a lane worker, as its lane's two-phase work: the
 * {@link WritePlanner} plans it without an IC slot, its IC calls run in the slot; every item is reported as
 * ItemWritten or ItemFailed, and the job acked, nacked (DLQ) or handed back to the lane.
 */
@ApplicationScoped
public class CampusWriter implements TwoPhaseWork<WritePlan> {

    public static final String UPSERTED = "UPSERTED";
    static final String DELETED = "DELETED";
    static final String UNCHANGED = "UNCHANGED";

    private final WritePlanner planner;
    private final OneRosterClient client;
    private final LineItemRejections rejections;
    private final OutcomePublisher publisher;
    private final DistrictHealth health;
    private final WriterMetrics metrics;
    private final int maxRequeues;

    public CampusWriter(WritePlanner planner, OneRosterClient client, LineItemRejections rejections,
            OutcomePublisher publisher, DistrictHealth health, WriterMetrics metrics, WriterConfig config) {
        this.planner = planner;
        this.client = client;
        this.rejections = rejections;
        this.publisher = publisher;
        this.health = health;
        this.metrics = metrics;
        this.maxRequeues = config.circuit().maxItemRequeues();
    }

    /**
     * Does a job's work up to its first IC call, holding no IC slot: the ledger row, the stale and unchanged checks and
     * the request body. A job that needs no IC call is finished here (reported and acked, or nacked).
     *
     * @return the job's plan, for {@link #callIc}, or null when the job is finished
     */
    @Override
    @ActivateRequestContext
    public WritePlan prepare(LaneJob job) {
        try (LogContext ignored = LogContext.of(job.command())) {
            WritePlan step;
            try {
                step = planWaitingOutOutages(job);
            } catch (RuntimeException e) {
                if (handleFailure(job, e) == Completion.REQUEUE) {
                    // A failure that waits for the district's circuit is handed to the lane like any IC step's.
                    return WritePlan.call(icDone -> {
                        throw e;
                    });
                }
                return null;
            }
            if (step.isFinished()) {
                if (finish(job, step.outcome()) == Completion.REQUEUE) {
                    // The outcome could not be published (the broker is away): the lane publishes it again later.
                    Optional<SyncOutcome> outcome = step.outcome();
                    return WritePlan.call(icDone -> {
                        icDone.run();
                        return outcome;
                    });
                }
                return null;
            }
            return step;
        }
    }

    @Override
    public String batchKey(WritePlan plan) {
        return plan.batchKey();
    }

    /** Runs one prepared write, or several results of one lineItem as one batch (see {@link #writeBatch}). */
    @Override
    @ActivateRequestContext
    public List<Completion> callIc(List<LaneJob> jobs, List<WritePlan> plans, Runnable icDone) {
        if (jobs.size() == 1) {
            return List.of(write(jobs.get(0), plans.get(0), icDone));
        }
        return writeBatch(jobs, plans, icDone);
    }

    /** Plans a job; while PostgreSQL is away the lane waits here, on this job, and tries again. */
    private WritePlan planWaitingOutOutages(LaneJob job) {
        for (int attempt = 0; ; attempt++) {
            try {
                return planner.plan(job.command());
            } catch (RuntimeException e) {
                if (e instanceof WriteFailure || !TransientFailures.isTransient(e)) {
                    throw e;
                }
                waitOutOutage(job, attempt, e);
            }
        }
    }

    /**
     * Pauses the lane worker while the service's own infrastructure (PostgreSQL, the broker) is away: growing pauses
     * ({@link TransientFailures#pauseBefore}). The job is never parked on the DLQ for an outage.
     */
    private static void waitOutOutage(LaneJob job, int attempt, RuntimeException e) {
        long millis = TransientFailures.pauseBefore(attempt).toMillis();
        Log.warnf("write %s waits %d ms for the database or broker to come back: %s", job.command().eventId(), millis,
                e.getMessage());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /**
     * Runs a prepared job's IC calls and bookkeeping. A transient failure while the district's circuit is open hands
     * the job back to the lane (the backlog waits); one that outlived its retries with the circuit closed is reported
     * and nacked to the DLQ; a rejection is reported and acked. {@code icDone} is called as soon as the job's IC calls
     * are over, so the lane's next IC call need not wait for this job's ledger row, outcome and ack.
     */
    private Completion write(LaneJob job, WritePlan step, Runnable icDone) {
        // The record's trace continues on this lane worker; the OneRoster calls inside carry it to IC.
        metrics.stage(PipelineStages.LANE_SLOT_ACQUIRED, job.command());
        try (LogContext ignored = LogContext.of(job.command()); JobTracing trace = JobTracing.start(job)) {
            Optional<SyncOutcome> outcome;
            try {
                try {
                    outcome = step.callIc(icDone);
                } finally {
                    icDone.run();
                }
            } catch (RuntimeException e) {
                return handleFailure(job, e);
            }
            return finish(job, outcome);
        }
    }

    private Completion finish(LaneJob job, Optional<SyncOutcome> outcome) {
        try {
            outcome.ifPresent(publisher::publish);
        } catch (RuntimeException e) {
            return handleFailure(job, e);
        }
        metrics.stage(PipelineStages.OUTCOME_PUBLISHED, job.command());
        job.message().ack();
        return Completion.DONE;
    }

    private Completion handleFailure(LaneJob job, RuntimeException e) {
        CampusWrite command = job.command();
        if (!(e instanceof WriteFailure) && !(e instanceof CircuitOpenException) && TransientFailures.isTransient(e)) {
            // PostgreSQL or the broker is away after IC answered: wait, then run the job again (its IC call is
            // idempotent); nothing is parked for an outage.
            waitOutOutage(job, job.requeues(), e);
            return Completion.REQUEUE;
        }
        if (e instanceof CircuitOpenException) {
            if (job.requeues() < maxRequeues) {
                return Completion.REQUEUE;
            }
            return giveUp(job, WriteFailure.transientFailure("ic_circuit_open", 0, "Infinite Campus of district "
                    + command.tenant() + " kept failing while this write was probed " + maxRequeues + " times.",
                    null));
        }
        if (e instanceof WriteFailure failure) {
            if (failure.isTransient()) {
                if (health.circuit(command.tenant()).isOpen() && job.requeues() < maxRequeues) {
                    return Completion.REQUEUE;
                }
                return giveUp(job, failure);
            }
            Log.infof("write %s for %s failed: %s", command.eventId(), command.targetSourcedId(),
                    failure.errorCode());
            if ("ic_credentials_rejected".equals(failure.errorCode())) {
                health.credentialsRejected(command.tenant(), failure.getMessage());
            } else if (command instanceof UpsertLineItem upsert) {
                rejections.rejected(upsert, failure);
            }
            return finish(job, Optional.of(Outcomes.failed(command, failure)));
        }
        Log.errorf(e, "write %s for %s failed unexpectedly; it goes to %s", command.eventId(),
                command.targetSourcedId(), Topics.dlq(Topics.CAMPUS_WRITES));
        job.message().nack(e);
        return Completion.DONE;
    }

    private Completion giveUp(LaneJob job, WriteFailure failure) {
        CampusWrite command = job.command();
        Log.warnf("giving up on %s for %s (%s); it goes to %s", command.eventId(), command.targetSourcedId(),
                failure.errorCode(), Topics.dlq(Topics.CAMPUS_WRITES));
        try {
            publisher.publish(Outcomes.failed(command, failure));
        } catch (RuntimeException e) {
            // The record is parked on the DLQ all the same; it is nacked once, here.
            Log.warnf("could not publish the failure of %s: %s", command.eventId(), e.getMessage());
        }
        job.message().nack(failure);
        return Completion.DONE;
    }

    /**
     * Runs prepared result writes of one lineItem as one {@code POST /lineItems/{id}/results} (the district turned
     * batch writes on). Should IC refuse the batch for good (a 4xx), each result is sent again on its own, still inside
     * the slot, so that only the results IC refuses are reported as refused.
     *
     * @return one completion per job, in order
     */
    private List<Completion> writeBatch(List<LaneJob> jobs, List<WritePlan> steps, Runnable icDone) {
        WritePlan.BatchPart first = steps.get(0).batch();
        List<Completion> completions = new ArrayList<>();
        try (LogContext ignored = LogContext.of(jobs.get(0).command());
                JobTracing trace = JobTracing.start(jobs.get(0))) {
            String body = "{\"results\":[" + steps.stream().map(step -> step.batch().item())
                    .collect(Collectors.joining(",")) + "]}";
            Map<String, String> pairs;
            try {
                pairs = client.postResults(first.tenant(), first.lineItemSourcedId(), body, steps.size());
            } catch (RuntimeException e) {
                if (e instanceof WriteFailure failure && !failure.isTransient()) {
                    Log.infof("IC refused a batch of %d results of lineItem %s (%s); sending them one by one",
                            steps.size(), first.lineItemSourcedId(), failure.errorCode());
                    try {
                        for (int i = 0; i < jobs.size(); i++) {
                            completions.add(write(jobs.get(i), steps.get(i), () -> { }));
                        }
                    } finally {
                        icDone.run();
                    }
                    return completions;
                }
                icDone.run();
                jobs.forEach(job -> completions.add(handleFailure(job, e)));
                return completions;
            }
            icDone.run();
            for (int i = 0; i < jobs.size(); i++) {
                completions.add(recordBatched(jobs.get(i), steps.get(i).batch(), pairs));
            }
            return completions;
        }
    }

    private Completion recordBatched(LaneJob job, WritePlan.BatchPart part, Map<String, String> pairs) {
        String allocated = pairs.getOrDefault(part.resultSourcedId(), part.resultSourcedId());
        if (!allocated.equals(part.resultSourcedId())) {
            return handleFailure(job, WriteFailure.rejected("ic_sourcedid_reallocated", 201, "Infinite Campus stored "
                    + "result " + part.resultSourcedId() + " under another sourcedId (" + allocated + ") in a batch "
                    + "write, so later writes could not update it; turn batch-results off for district "
                    + part.tenant() + "."));
        }
        Optional<SyncOutcome> outcome;
        try {
            outcome = part.recorded().get();
        } catch (RuntimeException e) {
            return handleFailure(job, e);
        }
        return finish(job, outcome);
    }

}
