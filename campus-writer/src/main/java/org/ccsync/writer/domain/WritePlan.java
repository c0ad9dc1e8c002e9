package org.ccsync.writer.domain;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ccsync.contracts.SyncOutcome;

/**
 * What a write's preparation leaves for its IC slot: the IC calls and their bookkeeping (given {@code icDone}, to
 * call once they make no more IC calls; returning the outcome to publish), or, for a write that needs no IC call,
 * its outcome. A result PUT may carry its part of a batch POST instead.
 */
public final class WritePlan {

    /**
     * One result of a batch: the result's JSON (without wrapper) and its bookkeeping once IC stored it.
     *
     * @param recorded records the ledger row and returns the outcome, once IC has the result
     */
    record BatchPart(String tenant, String lineItemSourcedId, String resultSourcedId, String item,
            Supplier<Optional<SyncOutcome>> recorded) {
    }

    private final Function<Runnable, Optional<SyncOutcome>> icCalls;
    private final Optional<SyncOutcome> outcome;
    private final BatchPart batch;

    private WritePlan(Function<Runnable, Optional<SyncOutcome>> icCalls, Optional<SyncOutcome> outcome,
            BatchPart batch) {
        this.icCalls = icCalls;
        this.outcome = outcome;
        this.batch = batch;
    }

    /** IC calls to make in the slot. */
    static WritePlan call(Function<Runnable, Optional<SyncOutcome>> icCalls) {
        return new WritePlan(icCalls, Optional.empty(), null);
    }

    /** A result PUT that may instead go in one batch POST with other results of its lineItem. */
    static WritePlan batchable(Function<Runnable, Optional<SyncOutcome>> icCalls, BatchPart batch) {
        return new WritePlan(icCalls, Optional.empty(), batch);
    }

    /** A write that needs no IC call, with its outcome (if any). */
    static WritePlan finished(Optional<SyncOutcome> outcome) {
        return new WritePlan(null, outcome, null);
    }

    boolean isFinished() {
        return icCalls == null;
    }

    Optional<SyncOutcome> outcome() {
        return outcome;
    }

    /** Runs the IC calls and their bookkeeping; {@code icDone} is called once they make no more IC calls. */
    Optional<SyncOutcome> callIc(Runnable icDone) {
        return icCalls.apply(icDone);
    }

    BatchPart batch() {
        return batch;
    }

    /** The lineItem whose batch this plan may join, or null when it goes alone. */
    public String batchKey() {
        return batch == null ? null : batch.lineItemSourcedId();
    }
}
