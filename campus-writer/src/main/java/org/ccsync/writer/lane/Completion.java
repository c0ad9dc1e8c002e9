package org.ccsync.writer.lane;

/** What the lane does with a job after its IC phase ran. */
public enum Completion {
    /** Finished: acked, nacked or reported. */
    DONE,
    /** Put back in its place, still prepared (the district's circuit is open, or PostgreSQL or the broker away). */
    REQUEUE
}
