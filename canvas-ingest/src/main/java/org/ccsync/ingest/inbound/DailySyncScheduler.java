package org.ccsync.ingest.inbound;

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
import org.ccsync.ingest.outbound.SyncRequestPublisher;
import org.ccsync.ingest.persistence.IngestStateRepository.CourseRef;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.persistence.SchedulerLease;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.support.LogContext;

/**
 * Requests the full reconciliation of each course whose "scheduled daily sync" is on, once per local day from the
 * configured time, on one replica at a time; a replica that was down at that time catches up later the same day.
 *
 * <p>The request is a {@link SyncRequested} (trigger {@code DAILY}, an event id deterministic per course and day)
 * published on {@code sync-requests} like a "Sync now": {@link SyncRequestListener} runs it exactly as it runs one,
 * and every other consumer of the topic sees the daily run too. A course is claimed for the day before its request
 * is published; a request the broker does not acknowledge gives the claim back, so a later check asks again.
 */
@ApplicationScoped
public class DailySyncScheduler {

    static final String LEASE = "daily-sync";
    static final String REQUESTED_BY = "scheduler";

    private final IngestConfig config;
    private final IngestStateRepository state;
    private final SyncRequestPublisher requests;
    private final SchedulerLease lease;

    public DailySyncScheduler(IngestConfig config, IngestStateRepository state, SyncRequestPublisher requests,
            SchedulerLease lease) {
        this.config = config;
        this.state = state;
        this.requests = requests;
        this.lease = lease;
    }

    @Scheduled(identity = "daily-sync", every = "${ccsync.daily-sync.check-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        runDueSyncs(Instant.now());
    }

    /**
     * Requests the reconciliation of every course due at {@code now}: daily sync on, the local time at or past the
     * configured time, and no daily run yet on this local date (claimed atomically, so never twice a day).
     *
     * @return the requests published and acknowledged, empty when none was due or another replica holds the lease
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
                LocalDate previous = state.course(course.tenant(), course.courseId())
                        .map(c -> c.lastDailyRunOn).orElse(null);
                if (!state.claimDailySync(course.tenant(), course.courseId(), today)) {
                    continue;
                }
                SyncRequested run = new SyncRequested(
                        EventIds.of("daily-sync", course.tenant(), course.courseId(), today), now, course.tenant(),
                        course.courseId(), now.toEpochMilli(), UUID.randomUUID().toString(), SyncTrigger.DAILY,
                        REQUESTED_BY);
                try (LogContext ignored = LogContext.open(run.tenant(), run.courseId(), run.eventId())) {
                    try {
                        requests.publish(run);
                        Log.infof("daily sync of course %s/%s for %s requested: run %s", course.tenant(),
                                course.courseId(), today, run.runId());
                        runs.add(run);
                    } catch (RuntimeException e) {
                        state.releaseDailySync(course.tenant(), course.courseId(), today, previous);
                        Log.errorf(e, "daily sync request of course %s/%s for %s was not acknowledged; it is asked "
                                + "again at a later check", course.tenant(), course.courseId(), today);
                    }
                }
            }
        });
        return runs;
    }
}
