package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.support.LogContext;
import org.ccsync.support.PipelineStages;
import org.ccsync.support.TransientFailures;
import org.ccsync.writer.lane.LaneJob;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.outbound.ic.CircuitOpenException;
import org.ccsync.writer.outbound.ic.IcCategory;
import org.ccsync.writer.outbound.ic.IcClass;
import org.ccsync.writer.outbound.ic.IcGradingPeriod;
import org.ccsync.writer.outbound.ic.OneRosterBodies;
import org.ccsync.writer.outbound.ic.OneRosterClient;
import org.ccsync.writer.outbound.ic.RosterCache;
import org.ccsync.writer.outbound.ic.WriteFailure;
import org.ccsync.writer.persistence.CategoryMappingRepository;
import org.ccsync.writer.persistence.DriftRepository;
import org.ccsync.writer.persistence.HeldChanges;
import org.ccsync.writer.persistence.LedgerEntry;
import org.ccsync.writer.persistence.LedgerRepository;
import org.ccsync.writer.persistence.LineItemRejection;
import org.ccsync.writer.persistence.LineItemRejections;
import org.ccsync.writer.persistence.ParkedResults;
import org.ccsync.writer.platform.JobTracing;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Applies one campus-writes command to Infinite Campus on a lane worker: skips stale and unchanged writes through
 * the ledger, reports every item as ItemWritten or ItemFailed, and acks, nacks (DLQ) or hands the job back.
 */
@ApplicationScoped
public class CampusWriter {

    public static final String UPSERTED = "UPSERTED";
    static final String DELETED = "DELETED";
    static final String UNCHANGED = "UNCHANGED";


    /** What the lane does with a job after it ran. */
    public enum Completion { DONE, REQUEUE }

    private final OneRosterClient client;
    private final RosterCache roster;
    private final IdentityResolver identity;
    private final OneRosterBodies bodies;
    private final CategoryMappingRepository mappings;
    private final LedgerRepository ledger;
    private final LineItemRejections rejections;
    private final ParkedResults parked;
    private final CampusWriteRequeue requeue;
    private final OutcomePublisher publisher;
    private final DistrictHealth health;
    private final WriterMetrics metrics;
    private final DriftRepository drift;
    private final DeleteBursts bursts;
    private final HoldDecisions holdDecisions;
    private final ResultChangeHolds resultChanges;
    private final int maxRequeues;

    public CampusWriter(OneRosterClient client, RosterCache roster, IdentityResolver identity, OneRosterBodies bodies,
            CategoryMappingRepository mappings, LedgerRepository ledger, LineItemRejections rejections,
            ParkedResults parked, CampusWriteRequeue requeue, OutcomePublisher publisher, DistrictHealth health,
            WriterMetrics metrics, WriterConfig config, DriftRepository drift, DeleteBursts bursts,
            HoldDecisions holdDecisions, ResultChangeHolds resultChanges) {
        this.resultChanges = resultChanges;
        this.drift = drift;
        this.bursts = bursts;
        this.holdDecisions = holdDecisions;
        this.client = client;
        this.roster = roster;
        this.identity = identity;
        this.bodies = bodies;
        this.mappings = mappings;
        this.ledger = ledger;
        this.rejections = rejections;
        this.parked = parked;
        this.requeue = requeue;
        this.publisher = publisher;
        this.health = health;
        this.metrics = metrics;
        this.maxRequeues = config.circuit().maxItemRequeues();
    }

    /**
     * Does a job's work up to its first IC call, holding no IC slot: the ledger row, the stale and unchanged checks and
     * the request body. A job that needs no IC call is finished here (reported and acked, or nacked).
     *
     * @return the job's IC step, for {@link #write}, or null when the job is finished
     */
    @ActivateRequestContext
    public IcStep prepare(LaneJob job) {
        try (LogContext ignored = LogContext.of(job.command())) {
            IcStep step;
            try {
                step = planWaitingOutOutages(job);
            } catch (RuntimeException e) {
                if (handleFailure(job, e) == Completion.REQUEUE) {
                    // A failure that waits for the district's circuit is handed to the lane like any IC step's.
                    return IcStep.call(icDone -> {
                        throw e;
                    });
                }
                return null;
            }
            if (step.isFinished()) {
                if (finish(job, step.outcome) == Completion.REQUEUE) {
                    // The outcome could not be published (the broker is away): the lane publishes it again later.
                    Optional<SyncOutcome> outcome = step.outcome;
                    return IcStep.call(icDone -> {
                        icDone.run();
                        return outcome;
                    });
                }
                return null;
            }
            return step;
        }
    }

    /** Plans a job; while PostgreSQL is away the lane waits here, on this job, and tries again. */
    private IcStep planWaitingOutOutages(LaneJob job) {
        for (int attempt = 0; ; attempt++) {
            try {
                return plan(job.command());
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
    @ActivateRequestContext
    public Completion write(LaneJob job, IcStep step, Runnable icDone) {
        // The record's trace continues on this lane worker; the OneRoster calls inside carry it to IC.
        metrics.stage(PipelineStages.LANE_SLOT_ACQUIRED, job.command());
        try (LogContext ignored = LogContext.of(job.command()); JobTracing trace = JobTracing.start(job)) {
            Optional<SyncOutcome> outcome;
            try {
                try {
                    outcome = step.call.run(icDone);
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
            return finish(job, Optional.of(failed(command, failure)));
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
            publisher.publish(failed(command, failure));
        } catch (RuntimeException e) {
            // The record is parked on the DLQ all the same; it is nacked once, here.
            Log.warnf("could not publish the failure of %s: %s", command.eventId(), e.getMessage());
        }
        job.message().nack(failure);
        return Completion.DONE;
    }

    /** A job's remaining IC calls and bookkeeping, or the outcome of a job that needs none. */
    public static final class IcStep {

        private final IcCall call;
        private final Optional<SyncOutcome> outcome;
        private final BatchPart batch;

        private IcStep(IcCall call, Optional<SyncOutcome> outcome, BatchPart batch) {
            this.call = call;
            this.outcome = outcome;
            this.batch = batch;
        }

        static IcStep call(IcCall call) {
            return new IcStep(call, Optional.empty(), null);
        }

        /** A result PUT that may instead go in one batch POST with other results of its lineItem. */
        static IcStep batchable(IcCall call, BatchPart batch) {
            return new IcStep(call, Optional.empty(), batch);
        }

        static IcStep finished(Optional<SyncOutcome> outcome) {
            return new IcStep(null, outcome, null);
        }

        boolean isFinished() {
            return call == null;
        }

        /** The lineItem whose batch this step may join, or null when it goes alone. */
        public String batchKey() {
            return batch == null ? null : batch.lineItemSourcedId();
        }
    }

    /**
     * One result of a batch: the result's JSON (without wrapper) and its bookkeeping once IC stored it.
     *
     * @param recorded records the ledger row and returns the outcome, once IC has the result
     */
    record BatchPart(String tenant, String lineItemSourcedId, String resultSourcedId, String item,
            Supplier<Optional<SyncOutcome>> recorded) {
    }

    /**
     * Runs prepared result writes of one lineItem as one {@code POST /lineItems/{id}/results} (the district turned batch
     * writes on). Should IC refuse the batch for good (a 4xx), each result is sent again on its own, still inside the
     * slot, so that only the results IC refuses are reported as refused.
     *
     * @return one completion per job, in order
     */
    @ActivateRequestContext
    public List<Completion> writeBatch(List<LaneJob> jobs, List<IcStep> steps, Runnable icDone) {
        BatchPart first = steps.get(0).batch;
        List<Completion> completions = new ArrayList<>();
        try (LogContext ignored = LogContext.of(jobs.get(0).command());
                JobTracing trace = JobTracing.start(jobs.get(0))) {
            String body = "{\"results\":[" + steps.stream().map(step -> step.batch.item())
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
                completions.add(recordBatched(jobs.get(i), steps.get(i).batch, pairs));
            }
            return completions;
        }
    }

    private Completion recordBatched(LaneJob job, BatchPart part, Map<String, String> pairs) {
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

    /** The IC part of a write; it calls {@code icDone} once it makes no more IC calls. */
    interface IcCall {

        Optional<SyncOutcome> run(Runnable icDone);
    }

    IcStep plan(CampusWrite command) {
        if (command instanceof UpsertLineItem upsert) {
            return planLineItem(upsert);
        }
        if (command instanceof UpsertResult result) {
            return planResult(result);
        }
        if (command instanceof DeleteLineItem delete) {
            return planDelete(delete);
        }
        if (command instanceof DeleteResult delete) {
            return planDeleteResult(delete);
        }
        throw new IllegalArgumentException("unknown campus write " + command.getClass().getSimpleName());
    }

    private IcStep planLineItem(UpsertLineItem command) {
        String tenant = command.tenant();
        WriterConfig.District district = client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.lineItemSourcedId());
        if (stale(row, command)) {
            return IcStep.finished(Optional.empty());
        }
        holdDecisions.courseAnswersAgain(tenant, command.courseId());
        if (command.dueDate() == null) {
            throw WriteFailure.rejected("no_due_date", 0, "Assignment '" + command.title() + "' has no due date in "
                    + "class " + command.classSourcedId() + "; OneRoster 1.2 requires one to place it in a grading "
                    + "period.");
        }
        // The class, its categories and grading periods may need IC reads (cache misses): they run in the slot.
        return IcStep.call(icDone -> upsertLineItem(command, district, row, icDone));
    }

    private Optional<SyncOutcome> upsertLineItem(UpsertLineItem command, WriterConfig.District district,
            Optional<LedgerEntry> row, Runnable icDone) {
        String tenant = command.tenant();
        // The Canvas section's IC class, by the district's identity strategy (may read IC rostering).
        String classId = identity.icClass(tenant, command.classSourcedId());
        IcClass icClass = roster.rosterClass(tenant, classId);
        List<IcCategory> categories = roster.categories(tenant, classId);
        String group = command.group() == null ? null : command.group().name();
        CategoryMapper.Decision decision = CategoryMapper.map(group,
                mappings.rules(tenant, command.courseId(), district.categoryMappings()), categories,
                district.defaultCategory(), classId);
        if (decision instanceof CategoryMapper.Unmapped unmapped) {
            throw WriteFailure.rejected("no_category_mapping", 0, unmapped.message());
        }
        CategoryMapper.Mapped mapped = (CategoryMapper.Mapped) decision;
        ZoneId zone = ZoneId.of(district.timeZone());
        Optional<IcGradingPeriod> period = GradingPeriodPicker.pick(roster.gradingPeriods(tenant, icClass),
                command.dueDate(), zone, district.gradingPeriodEndInclusive());
        IcCategory category = mapped.category();
        if (district.icSideChanges() == WriterConfig.IcSideChanges.KEEP) {
            // A category or grading period a teacher chose in IC stays (a verification found and kept it).
            Optional<DriftRepository.Kept> kept = drift.kept(command.lineItemSourcedId());
            if (kept.isPresent()) {
                String keptCategory = kept.get().categorySourcedId();
                category = categories.stream().filter(c -> c.sourcedId().equals(keptCategory)).findFirst()
                        .orElse(category);
                String keptPeriod = kept.get().gradingPeriodSourcedId();
                if (keptPeriod != null) {
                    Optional<IcGradingPeriod> chosen = roster.gradingPeriods(tenant, icClass).stream()
                            .filter(p -> p.sourcedId().equals(keptPeriod)).findFirst();
                    period = chosen.isPresent() ? chosen : period;
                }
            }
        }
        OneRosterBodies.Body body = bodies.lineItem(command, icClass, category, period);
        String categoryTitle = category.title();
        String periodId = period.map(IcGradingPeriod::sourcedId).orElse(null);
        ItemRef item = lineItemRef(command, command.title());
        if (unchanged(row, body.hash())) {
            releaseParkedResults(command);
            return Optional.of(written(command, item, UNCHANGED, body.hash(), categoryTitle, periodId, null,
                    command.occurredAt()));
        }
        try {
            client.putLineItem(tenant, command.lineItemSourcedId(), body.json());
            icDone.run();
        } catch (WriteFailure failure) {
            icDone.run();
            if (failure.isTransient()) {
                throw failure;
            }
            // IC's categories or periods may have changed under the cache: read them afresh next time.
            roster.forget(tenant, classId);
            throw period.isPresent() ? failure : failure.withDetail("No grading period of class " + classId
                    + " contains the due date " + command.dueDate().atZone(zone).toLocalDate() + ".");
        }
        metrics.syncLatency(tenant, "line_item", command.occurredAt());
        ledger.recordLineItem(command, body.hash(), false, body.json());
        rejections.cleared(command.lineItemSourcedId());
        Log.debugf("wrote lineItem %s in category %s by %s", command.lineItemSourcedId(), categoryTitle,
                mapped.rule());
        releaseParkedResults(command);
        return Optional.of(written(command, item, UPSERTED, body.hash(), categoryTitle, periodId, null,
                command.occurredAt()));
    }

    /**
     * Sends the results held back while this lineItem was refused. Should the broker not take them now, they stay
     * parked and go with the lineItem's next write (a sync, a mapping, a Canvas edit).
     */
    private void releaseParkedResults(UpsertLineItem command) {
        try {
            requeue.releaseParkedResults(command.lineItemSourcedId(), command.eventId());
        } catch (RuntimeException e) {
            Log.warnf("the results parked behind lineItem %s stay parked for its next write: %s",
                    command.lineItemSourcedId(), e.getMessage());
        }
    }

    private IcStep planResult(UpsertResult command) {
        String tenant = command.tenant();
        WriterConfig.District district = client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.resultSourcedId());
        if (stale(row, command)) {
            return IcStep.finished(Optional.empty());
        }
        ItemRef item = new ItemRef(ItemKind.RESULT, command.assignmentId(), command.userId(),
                command.classSourcedId(), command.resultSourcedId(), null);
        Double score = command.excused() ? null : command.score();
        Instant changedAt = command.gradedAt() != null ? command.gradedAt() : command.occurredAt();
        // The IC class and student, by the district's identity strategy; empty when that needs a rostering read.
        Optional<IdentityResolver.ResultIds> ids = identity.resultIdsNow(tenant, command.classSourcedId(),
                command.studentSourcedId());
        Optional<OneRosterBodies.Body> ready = ids.map(resolved -> bodies.result(command, resolved));
        if (ready.isPresent() && unchanged(row, ready.get().hash())) {
            return IcStep.finished(Optional.of(written(command, item, UNCHANGED, ready.get().hash(), null, null, score,
                    changedAt)));
        }
        Optional<LineItemRejection> rejection = rejections.find(command.lineItemSourcedId());
        if (rejection.isPresent()) {
            // IC could only answer that the lineItem does not exist: say why instead, spare IC the request, and hold
            // the result until the lineItem is written.
            parked.park(command);
            throw WriteFailure.rejected("line_item_not_written", 0, "Not sent to Infinite Campus yet: its "
                    + "assignment could not be written there (" + rejection.get().errorCode + "): "
                    + rejection.get().message + " The score is sent as soon as the assignment is written.");
        }
        if (ready.isEmpty()) {
            // A rostering read is an IC call, so it runs in the slot, before the result's own.
            return IcStep.call(icDone -> {
                OneRosterBodies.Body body;
                try {
                    body = bodies.result(command, identity.resultIds(tenant, command.classSourcedId(),
                            command.studentSourcedId()));
                } catch (RuntimeException e) {
                    icDone.run();
                    throw e;
                }
                if (unchanged(row, body.hash())) {
                    icDone.run();
                    return Optional.of(written(command, item, UNCHANGED, body.hash(), null, null, score, changedAt));
                }
                Optional<SyncOutcome> held = heldChange(command, row);
                if (held.isPresent()) {
                    icDone.run();
                    return held;
                }
                return putResult(command, body, item, score, changedAt, icDone);
            });
        }
        Optional<SyncOutcome> held = heldChange(command, row);
        if (held.isPresent()) {
            return IcStep.finished(held);
        }
        OneRosterBodies.Body body = ready.get();
        IcCall put = icDone -> putResult(command, body, item, score, changedAt, icDone);
        if (!district.batchResults()) {
            return IcStep.call(put);
        }
        return IcStep.batchable(put, new BatchPart(tenant, command.lineItemSourcedId(), command.resultSourcedId(),
                body.item(), () -> recordResult(command, body, item, score, changedAt)));
    }

    /** A change of a score IC holds passes the course's result-change gate; empty when it may be sent. */
    private Optional<SyncOutcome> heldChange(CampusWrite command, Optional<LedgerEntry> row) {
        return row.isPresent() && !row.get().deleted ? resultChanges.gate(command) : Optional.empty();
    }

    private Optional<SyncOutcome> putResult(UpsertResult command, OneRosterBodies.Body body, ItemRef item,
            Double score, Instant changedAt, Runnable icDone) {
        try {
            client.putResult(command.tenant(), command.resultSourcedId(), body.json());
        } finally {
            icDone.run();
        }
        return recordResult(command, body, item, score, changedAt);
    }

    /** The bookkeeping of a result IC now holds: latency, ledger row and outcome. */
    private Optional<SyncOutcome> recordResult(UpsertResult command, OneRosterBodies.Body body, ItemRef item,
            Double score, Instant changedAt) {
        metrics.syncLatency(command.tenant(), "result", changedAt);
        metrics.stage(PipelineStages.IC_ANSWERED, command);
        ledger.recordResult(command, body.hash(), false, body.json());
        return Optional.of(written(command, item, UPSERTED, body.hash(), null, null, score, changedAt));
    }

    /**
     * Removes one result whose score was cleared in Canvas; the outcome says it is not in IC. IC is asked even when
     * the ledger has no row (a 404 is the same end state): the ledger is read while an earlier write of this result
     * may still be in its IC slot, so only the IC call, which the lane runs after that write, decides. A result parked
     * behind a refused lineItem is dropped.
     */
    private IcStep planDeleteResult(DeleteResult command) {
        String tenant = command.tenant();
        client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.resultSourcedId());
        if (stale(row, command)) {
            return IcStep.finished(Optional.empty());
        }
        parked.discard(command.resultSourcedId(), command.sourceVersion());
        ItemRef item = new ItemRef(ItemKind.RESULT, command.assignmentId(), command.userId(),
                command.classSourcedId(), command.resultSourcedId(), null);
        Optional<SyncOutcome> held = heldChange(command, row);
        if (held.isPresent()) {
            return IcStep.finished(held);
        }
        return IcStep.call(icDone -> {
            boolean existed;
            try {
                existed = client.deleteResult(tenant, command.resultSourcedId());
            } finally {
                icDone.run();
            }
            if (!existed) {
                Log.infof("result %s was already absent from Infinite Campus", command.resultSourcedId());
            }
            metrics.syncLatency(tenant, "result", command.occurredAt());
            ledger.recordResult(command, LedgerRepository.DELETED_HASH, true, null);
            return Optional.of(written(command, item, DELETED, LedgerRepository.DELETED_HASH, null, null, null,
                    command.occurredAt()));
        });
    }

    private IcStep planDelete(DeleteLineItem command) {
        String tenant = command.tenant();
        client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.lineItemSourcedId());
        if (stale(row, command)) {
            return IcStep.finished(Optional.empty());
        }
        ItemRef item = lineItemRef(command, null);
        if (!(row.isPresent() && row.get().deleted)) {
            HeldChanges.Gated gated = bursts.gate(command);
            if (gated.gate() == HeldChanges.Gate.COLLECTING) {
                // Judged with the rest of its burst once the course's deletes are quiet: sent again, or held.
                return IcStep.finished(Optional.empty());
            }
            if (gated.gate() == HeldChanges.Gate.HELD) {
                return IcStep.finished(Optional.of(DeleteBursts.held(command, gated.holdId(),
                        "Held for a district admin (hold " + gated.holdId() + ") with the other deletes of this "
                                + "course: not sent to Infinite Campus until released.")));
            }
        }
        if (row.isPresent() && row.get().deleted) {
            // Already gone from IC: the outcome says so (DELETED), never UNCHANGED, which would read as "in IC".
            return IcStep.finished(Optional.of(written(command, item, DELETED, LedgerRepository.DELETED_HASH, null,
                    null, null, command.occurredAt())));
        }
        return IcStep.call(icDone -> {
            boolean existed;
            try {
                existed = client.deleteLineItem(tenant, command.lineItemSourcedId());
            } finally {
                icDone.run();
            }
            if (!existed) {
                Log.infof("lineItem %s was already absent from Infinite Campus", command.lineItemSourcedId());
            }
            metrics.syncLatency(tenant, "line_item", command.occurredAt());
            ledger.recordLineItem(command, LedgerRepository.DELETED_HASH, true, null);
            // IC deleted the lineItem's results with it: the ledger follows, so a later re-sync sends them again.
            int results = ledger.resultsDeletedWith(command.lineItemSourcedId());
            parked.discardAllOf(command.lineItemSourcedId());
            rejections.cleared(command.lineItemSourcedId());
            Log.infof("deleted lineItem %s (%s) and with it %d results", command.lineItemSourcedId(),
                    command.reasonCode(), results);
            return Optional.of(written(command, item, DELETED, LedgerRepository.DELETED_HASH, null, null, null,
                    command.occurredAt()));
        });
    }

    private static boolean stale(Optional<LedgerEntry> row, CampusWrite command) {
        if (row.isPresent() && row.get().sourceVersion > command.sourceVersion()) {
            Log.infof("skipping stale write %s: %s is at version %d, the command carries %d", command.eventId(),
                    command.targetSourcedId(), row.get().sourceVersion, command.sourceVersion());
            return true;
        }
        return false;
    }

    private static boolean unchanged(Optional<LedgerEntry> row, String hash) {
        return row.isPresent() && !row.get().deleted && hash.equals(row.get().contentHash);
    }

    private static ItemRef lineItemRef(CampusWrite command, String title) {
        return new ItemRef(ItemKind.LINE_ITEM, command.assignmentId(), null, command.classSourcedId(),
                command.lineItemSourcedId(), title);
    }

    /**
     * The outcome of a write. Its id comes from the item, the content IC holds and the command: a redelivered command
     * repeats it (status-service drops the copy), while a command sent again after a delete (a new sync epoch) is news
     * even with the same content.
     */
    private static ItemWritten written(CampusWrite command, ItemRef item, String action, String contentHash,
            String category, String gradingPeriod, Double score, Instant changedAt) {
        return new ItemWritten(EventIds.of("written", command.targetSourcedId(), command.sourceVersion(), contentHash,
                command.eventId()),
                Instant.now(), command.tenant(), command.courseId(), command.sourceVersion(), item, action, category,
                gradingPeriod, score, changedAt);
    }

    private static ItemFailed failed(CampusWrite command, WriteFailure failure) {
        ItemRef item;
        if (command instanceof UpsertResult result) {
            item = new ItemRef(ItemKind.RESULT, result.assignmentId(), result.userId(), result.classSourcedId(),
                    result.resultSourcedId(), null);
        } else if (command instanceof DeleteResult delete) {
            item = new ItemRef(ItemKind.RESULT, delete.assignmentId(), delete.userId(), delete.classSourcedId(),
                    delete.resultSourcedId(), null);
        } else {
            item = lineItemRef(command, command instanceof UpsertLineItem upsert ? upsert.title() : null);
        }
        String error = failure.isTransient()
                ? failure.getMessage() + " Retries are used up; the command is parked on "
                        + Topics.dlq(Topics.CAMPUS_WRITES) + " for replay."
                : failure.getMessage();
        String eventId = EventIds.of("failed", command.targetSourcedId(), command.sourceVersion(),
                failure.errorCode(), command.eventId());
        return new ItemFailed(eventId, Instant.now(), command.tenant(), command.courseId(), command.sourceVersion(),
                item, failure.errorCode(), error, false);
    }
}
