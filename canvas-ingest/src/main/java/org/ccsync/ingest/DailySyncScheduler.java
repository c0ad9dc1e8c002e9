package org.ccsync.ingest;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.ingest.IngestStateRepository.CourseRef;

/**
 * Runs the full reconciliation of each course whose "scheduled daily sync" is on, once per local day from the
 * configured time, on one replica at a time; a replica that was down at that time catches up later the same day.
 */
@ApplicationScoped
public class DailySyncScheduler {

    static final String LEASE = "daily-sync";
    static final String REQUESTED_BY = "scheduler";

    private final IngestConfig config;
    private final IngestStateRepository state;
    private final ReconciliationService reconciliation;
    private final SchedulerLease lease;

    public DailySyncScheduler(IngestConfig config, IngestStateRepository state, ReconciliationService reconciliation,
            SchedulerLease lease) {
        this.config = config;
        this.state = state;
        this.reconciliation = reconciliation;
        this.lease = lease;
    }

    @Scheduled(identity = "daily-sync", every = "${ccsync.daily-sync.check-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        runDueSyncs(Instant.now());
    }

    /**
     * Reconciles every course due at {@code now}: daily sync on, the local time at or past the configured time,
     * and no daily run yet on this local date (claimed atomically, so never twice a day).
     *
     * @return the runs started, empty when none was due or another replica holds the lease
     */
    public List<SyncRequested> runDueSyncs(Instant now) {
        ZonedDateTime local = now.atZone(config.dailySync().timeZone());
        if (local.toLocalTime().isBefore(config.dailySync().at())) {
            return List.of();
        }
        LocalDate today = local.toLocalDate();
        List<SyncRequested> runs = new ArrayList<>();
        lease.runExclusively(LEASE, held -> {
            for (CourseRef course : state.dueDailySyncs(config.districts().keySet(), today)) {
                if (!held.getAsBoolean()) {
                    return;
                }
                if (!state.claimDailySync(course.tenant(), course.courseId(), today)) {
                    continue;
                }
                SyncRequested run = new SyncRequested(
                        EventIds.of("daily-sync", course.tenant(), course.courseId(), today), now, course.tenant(),
                        course.courseId(), now.toEpochMilli(), UUID.randomUUID().toString(), SyncTrigger.DAILY,
                        REQUESTED_BY);
                try (LogContext ignored = LogContext.open(run.tenant(), run.courseId(), run.eventId())) {
                    Log.infof("daily sync of course %s/%s for %s: run %s", course.tenant(), course.courseId(),
                            today, run.runId());
                    try {
                        reconciliation.reconcile(run);
                    } catch (RuntimeException e) {
                        // Canvas failures end the run as FAILED inside; anything else must not stop the others.
                        Log.errorf(e, "daily sync run %s of course %s/%s failed", run.runId(), course.tenant(),
                                course.courseId());
                    }
                }
                runs.add(run);
            }
        });
        return runs;
    }
}
