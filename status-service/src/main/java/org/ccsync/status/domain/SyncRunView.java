package org.ccsync.status.domain;

import java.time.Instant;
import org.ccsync.status.persistence.SyncRun;

/** One sync run as the API shows it: who asked, when, its stage and its counts; {@code finished} once it ended. */
public record SyncRunView(String runId, String courseId, String trigger, String requestedBy, Instant requestedAt,
        String stage, boolean finished, int assignments, int scores, String message, Instant updatedAt) {

    public static SyncRunView of(SyncRun run) {
        return new SyncRunView(run.runId, run.courseId, run.trigger, run.requestedBy, run.requestedAt, run.stage,
                "PUBLISHED".equals(run.stage) || "FAILED".equals(run.stage), run.assignments, run.scores,
                run.message, run.updatedAt);
    }
}
