package org.ccsync.status.inbound;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.status.persistence.OutcomeRetention;

/**
 * Starts the purge of what each district keeps beyond its retention (outcomes, runs, audit entries) nightly at 02:30,
 * the service's time zone.
 */
@ApplicationScoped
public class NightlyPurge {

    private final OutcomeRetention retention;

    public NightlyPurge(OutcomeRetention retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "0 30 2 * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        retention.purge();
    }
}
