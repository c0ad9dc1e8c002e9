package org.ccsync.status.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.status.outbound.SyncRequestPublisher;
import org.ccsync.status.platform.Districts;

/**
 * The scheduled daily sync of each course: an explicit on/off per course, or the district default. Every change
 * goes to canvas-ingest on sync-requests, acknowledged by Kafka before it counts.
 */
@ApplicationScoped
public class DailySyncService {

    /** The lowest version: the district default never wins over a course's explicit setting. */
    static final long DEFAULT_VERSION = 1;

    private static final String SET = """
            UPDATE course_status SET daily_sync_enabled = ?3,
                                     daily_sync_version = GREATEST(?4, daily_sync_version + 1)
            WHERE tenant = ?1 AND course_id = ?2
            RETURNING daily_sync_version
            """;

    private final EntityManager entityManager;
    private final SyncRequestPublisher publisher;
    private final Districts districts;

    public DailySyncService(EntityManager entityManager, SyncRequestPublisher publisher, Districts districts) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.districts = districts;
    }

    /** The setting in force for a course: its own, or the district default when nobody set one. */
    public DailySync effective(String tenant, Boolean explicit) {
        return explicit == null ? new DailySync(districts.dailySyncDefault(tenant), "district-default")
                : new DailySync(explicit, "course");
    }

    /** A course appeared for the first time: tells canvas-ingest about a district default that is on. */
    public void courseDiscovered(String tenant, String courseId) {
        if (districts.dailySyncDefault(tenant)) {
            publisher.publish(new DailySyncScheduleChanged(
                    EventIds.of("daily-sync-default", tenant, courseId, true), Instant.now(), tenant, courseId,
                    DEFAULT_VERSION, true, "district-default"));
        }
    }

    /** Turns the course's daily sync on or off explicitly; must run in a transaction. */
    public DailySync set(String tenant, String courseId, boolean enabled, String changedBy) {
        publish(tenant, courseId, enabled, enabled, changedBy);
        return new DailySync(enabled, "course");
    }

    /** Lets the course follow the district default again; must run in a transaction. */
    public DailySync reset(String tenant, String courseId, String changedBy) {
        boolean enabled = districts.dailySyncDefault(tenant);
        publish(tenant, courseId, null, enabled, changedBy);
        return new DailySync(enabled, "district-default");
    }

    private void publish(String tenant, String courseId, Boolean stored, boolean enabled, String changedBy) {
        Instant now = Instant.now();
        List<?> versions = entityManager.createNativeQuery(SET)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, stored)
                .setParameter(4, now.toEpochMilli())
                .getResultList();
        if (versions.isEmpty()) {
            throw new CourseNotFoundException(tenant, courseId);
        }
        long version = ((Number) versions.get(0)).longValue();
        publisher.publish(new DailySyncScheduleChanged(EventIds.of("daily-sync", tenant, courseId, version), now,
                tenant, courseId, version, enabled, changedBy));
    }

    /** A course's daily-sync setting and where it comes from: {@code course} or {@code district-default}. */
    public record DailySync(boolean enabled, String source) {
    }
}
