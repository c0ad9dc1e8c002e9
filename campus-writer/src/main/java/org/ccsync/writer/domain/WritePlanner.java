package org.ccsync.writer.domain;

import static org.ccsync.writer.domain.CampusWriter.DELETED;
import static org.ccsync.writer.domain.CampusWriter.UNCHANGED;
import static org.ccsync.writer.domain.CampusWriter.UPSERTED;
import static org.ccsync.writer.domain.Outcomes.lineItemRef;
import static org.ccsync.writer.domain.Outcomes.written;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.support.PipelineStages;
import org.ccsync.writer.outbound.ic.OneRosterBodies;
import org.ccsync.writer.outbound.ic.OneRosterClient;
import org.ccsync.writer.outbound.ic.WriteFailure;
import org.ccsync.writer.persistence.HeldChanges;
import org.ccsync.writer.persistence.LedgerEntry;
import org.ccsync.writer.persistence.LedgerRepository;
import org.ccsync.writer.persistence.LineItemRejection;
import org.ccsync.writer.persistence.LineItemRejections;
import org.ccsync.writer.persistence.ParkedResults;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Applies one campus-writes command to Infinite Campus on a lane worker: skips stale and unchanged writes through
 * the ledger, reports every item as ItemWritten or ItemFailed, and acks, nacks (DLQ) or hands the job back.
 */
/**
 * Plans each campus-writes command against the ledger before it gets an IC slot: skips stale writes, finds unchanged
 * ones by the hash of the body IC would receive, gates lineItem deletes and score changes through the holds, builds
 * the OneRoster body, and leaves the IC calls (PUT or DELETE, with the rostering reads a cache miss needs) and their
 * ledger bookkeeping for the slot.
 */
@ApplicationScoped
public class WritePlanner {

    private final LineItemPlanner lineItems;
    private final OneRosterClient client;
    private final IdentityResolver identity;
    private final OneRosterBodies bodies;
    private final LedgerRepository ledger;
    private final LineItemRejections rejections;
    private final ParkedResults parked;
    private final WriterMetrics metrics;
    private final DeleteBursts bursts;
    private final ResultChangeHolds resultChanges;

    public WritePlanner(LineItemPlanner lineItems, OneRosterClient client, IdentityResolver identity,
            OneRosterBodies bodies, LedgerRepository ledger, LineItemRejections rejections, ParkedResults parked,
            WriterMetrics metrics, DeleteBursts bursts, ResultChangeHolds resultChanges) {
        this.lineItems = lineItems;
        this.client = client;
        this.identity = identity;
        this.bodies = bodies;
        this.ledger = ledger;
        this.rejections = rejections;
        this.parked = parked;
        this.metrics = metrics;
        this.bursts = bursts;
        this.resultChanges = resultChanges;
    }

    /** Plans a command: its ledger checks and request body now, its IC calls for the slot. */
    WritePlan plan(CampusWrite command) {
        if (command instanceof UpsertLineItem upsert) {
            return lineItems.plan(upsert);
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


    private WritePlan planResult(UpsertResult command) {
        String tenant = command.tenant();
        WriterConfig.District district = client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.resultSourcedId());
        if (stale(row, command)) {
            return WritePlan.finished(Optional.empty());
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
            return WritePlan.finished(Optional.of(written(command, item, UNCHANGED, ready.get().hash(), null, null,
                    score, changedAt)));
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
            return WritePlan.call(icDone -> {
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
            return WritePlan.finished(held);
        }
        OneRosterBodies.Body body = ready.get();
        Function<Runnable, Optional<SyncOutcome>> put =
                icDone -> putResult(command, body, item, score, changedAt, icDone);
        if (!district.batchResults()) {
            return WritePlan.call(put);
        }
        return WritePlan.batchable(put, new WritePlan.BatchPart(tenant, command.lineItemSourcedId(),
                command.resultSourcedId(), body.item(), () -> recordResult(command, body, item, score, changedAt)));
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
    private WritePlan planDeleteResult(DeleteResult command) {
        String tenant = command.tenant();
        client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.resultSourcedId());
        if (stale(row, command)) {
            return WritePlan.finished(Optional.empty());
        }
        parked.discard(command.resultSourcedId(), command.sourceVersion());
        ItemRef item = new ItemRef(ItemKind.RESULT, command.assignmentId(), command.userId(),
                command.classSourcedId(), command.resultSourcedId(), null);
        Optional<SyncOutcome> held = heldChange(command, row);
        if (held.isPresent()) {
            return WritePlan.finished(held);
        }
        return WritePlan.call(icDone -> {
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

    private WritePlan planDelete(DeleteLineItem command) {
        String tenant = command.tenant();
        client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.lineItemSourcedId());
        if (stale(row, command)) {
            return WritePlan.finished(Optional.empty());
        }
        ItemRef item = lineItemRef(command, null);
        if (!(row.isPresent() && row.get().deleted)) {
            HeldChanges.Gated gated = bursts.gate(command);
            if (gated.gate() == HeldChanges.Gate.COLLECTING) {
                // Judged with the rest of its burst once the course's deletes are quiet: sent again, or held.
                return WritePlan.finished(Optional.empty());
            }
            if (gated.gate() == HeldChanges.Gate.HELD) {
                return WritePlan.finished(Optional.of(DeleteBursts.held(command, gated.holdId(),
                        "Held for a district admin (hold " + gated.holdId() + ") with the other deletes of this "
                                + "course: not sent to Infinite Campus until released.")));
            }
        }
        if (row.isPresent() && row.get().deleted) {
            // Already gone from IC: the outcome says so (DELETED), never UNCHANGED, which would read as "in IC".
            return WritePlan.finished(Optional.of(written(command, item, DELETED, LedgerRepository.DELETED_HASH, null,
                    null, null, command.occurredAt())));
        }
        return WritePlan.call(icDone -> {
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

    static boolean stale(Optional<LedgerEntry> row, CampusWrite command) {
        if (row.isPresent() && row.get().sourceVersion > command.sourceVersion()) {
            Log.infof("skipping stale write %s: %s is at version %d, the command carries %d", command.eventId(),
                    command.targetSourcedId(), row.get().sourceVersion, command.sourceVersion());
            return true;
        }
        return false;
    }

    static boolean unchanged(Optional<LedgerEntry> row, String hash) {
        return row.isPresent() && !row.get().deleted && hash.equals(row.get().contentHash);
    }
}
