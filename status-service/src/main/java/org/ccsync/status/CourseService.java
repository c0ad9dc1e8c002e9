package org.ccsync.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncTrigger;

/** The course actions the REST API and the web page share: "sync now" and the daily schedule. */
@ApplicationScoped
public class CourseService {

    private final SyncRequestPublisher publisher;
    private final DailySyncService dailySync;

    public CourseService(SyncRequestPublisher publisher, DailySyncService dailySync) {
        this.publisher = publisher;
        this.dailySync = dailySync;
    }

    /** Records a run and asks canvas-ingest for a full reconciliation; returns once Kafka acknowledged it. */
    @Transactional
    public SyncRun syncNow(String tenant, String courseId, String requestedBy) {
        existing(tenant, courseId);
        Instant now = Instant.now();
        SyncRun run = new SyncRun();
        run.runId = UUID.randomUUID().toString();
        run.tenant = tenant;
        run.courseId = courseId;
        run.trigger = SyncTrigger.MANUAL.name();
        run.requestedBy = requestedBy;
        run.requestedAt = now;
        run.stage = "REQUESTED";
        run.updatedAt = now;
        run.sourceVersion = 0;
        // Flushed before the request leaves, so the run's own progress events always find the row.
        run.persistAndFlush();
        publisher.publish(new SyncRequested(EventIds.of("sync-requested", run.runId), now, tenant, courseId,
                now.toEpochMilli(), run.runId, SyncTrigger.MANUAL, requestedBy));
        return run;
    }

    @Transactional
    public DailySyncService.DailySync setDailySync(String tenant, String courseId, boolean enabled, String by) {
        existing(tenant, courseId);
        return dailySync.set(tenant, courseId, enabled, by);
    }

    @Transactional
    public DailySyncService.DailySync resetDailySync(String tenant, String courseId, String by) {
        existing(tenant, courseId);
        return dailySync.reset(tenant, courseId, by);
    }

    static CourseStatus existing(String tenant, String courseId) {
        return CourseStatus.findCourse(tenant, courseId).orElseThrow(() -> new CourseNotFoundException(tenant, courseId));
    }
}
