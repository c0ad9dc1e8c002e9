package org.ccsync.writer.lane;

import java.util.List;

/**
 * What a lane runs for each job, in two phases: {@link #prepare} without an IC slot (a few jobs ahead of the slots,
 * so a freed slot goes straight to the next IC call), then {@link #callIc} holding a slot, which it gives back by
 * calling {@code icDone} as soon as it makes no more IC calls (its bookkeeping runs on beside the next IC call).
 *
 * @param <P> what the first phase hands the second (the plan of the job's IC calls)
 */
public interface TwoPhaseWork<P> {

    /** The first phase, holding no IC slot: returns the job's plan, or null when the job is already finished. */
    P prepare(LaneJob job);

    /** The batch a plan may join (its lineItem) when the lane batches, or null when it always goes alone. */
    default String batchKey(P plan) {
        return null;
    }

    /**
     * The second phase, in one IC slot: the IC calls and bookkeeping of one prepared job, or of several with the same
     * batch key. Calls {@code icDone} once it makes no more IC calls.
     *
     * @return one completion per job, in order
     */
    List<Completion> callIc(List<LaneJob> jobs, List<P> plans, Runnable icDone);
}
