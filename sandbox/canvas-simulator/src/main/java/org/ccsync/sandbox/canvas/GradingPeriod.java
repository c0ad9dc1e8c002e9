package org.ccsync.sandbox.canvas;

import java.time.Instant;

/** An account grading period shared by every course; closed once its close date has passed. */
public record GradingPeriod(long id, String title, Instant startDate, Instant endDate, Instant closeDate) {

    public boolean closedAt(Instant now) {
        return closeDate != null && now.isAfter(closeDate);
    }
}
