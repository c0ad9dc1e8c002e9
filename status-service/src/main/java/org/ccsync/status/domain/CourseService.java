package org.ccsync.status.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.status.outbound.SyncRequestPublisher;
import org.ccsync.status.persistence.AuditLog;
import org.ccsync.status.persistence.CourseStatus;
import org.ccsync.status.persistence.SyncRun;

/** The course actions the REST API and the web page share: "sync now" and the daily schedule. */
@ApplicationScoped
public class CourseService {

    private final SyncRequestPublisher publisher;
    private final DailySyncService dailySync;
    private final AuditLog audit;

    public CourseService(SyncRequestPublisher publisher, DailySyncService dailySync, AuditLog audit) {
        this.publisher = publisher;
        this.dailySync = dailySync;
        this.audit = audit;
    }

    /** Records a run and asks canvas-ingest for a full reconciliation; returns once Kafka acknowledged it. */
    @Transactional
    public SyncRun syncNow(String tenant, String courseId, AuditLog.Actor actor) {
        existing(tenant, courseId);
        String requestedBy = actor.name();
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
        audit.record(tenant, courseId, AuditLog.SYNC_NOW, run.runId, null, actor);
        return run;
    }

    @Transactional
    public DailySyncService.DailySync setDailySync(String tenant, String courseId, boolean enabled,
            AuditLog.Actor actor) {
        existing(tenant, courseId);
        DailySyncService.DailySync setting = dailySync.set(tenant, courseId, enabled, actor.name());
        audit.record(tenant, courseId, AuditLog.DAILY_SYNC, null, enabled ? "on" : "off", actor);
        return setting;
    }

    @Transactional
    public DailySyncService.DailySync resetDailySync(String tenant, String courseId, AuditLog.Actor actor) {
        existing(tenant, courseId);
        DailySyncService.DailySync setting = dailySync.reset(tenant, courseId, actor.name());
        audit.record(tenant, courseId, AuditLog.DAILY_SYNC, null,
                "follows the district default (" + (setting.enabled() ? "on" : "off") + ")", actor);
        return setting;
    }

    public static CourseStatus existing(String tenant, String courseId) {
        return CourseStatus.findCourse(tenant, courseId).orElseThrow(() -> new CourseNotFoundException(tenant, courseId));
    }
}
