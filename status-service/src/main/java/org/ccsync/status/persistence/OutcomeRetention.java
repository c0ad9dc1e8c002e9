package org.ccsync.status.persistence;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccsync.status.platform.StatusConfig;

/**
 * Purges what is older than a district's retention ({@code ccsync.districts."<t>".outcome-retention}, else
 * {@code ccsync.outcome-retention}, P400D), nightly (started by {@link org.ccsync.status.inbound.NightlyPurge}):
 * item outcomes (student scores among them, never an item that waits for a write) with their counts, and sync runs;
 * and audit entries older than {@code ccsync.audit-retention}.
 * Each course is purged in small transactions under the course's lock, so the counters stay exact while outcomes
 * keep arriving; running on two replicas at once deletes nothing twice.
 */
@ApplicationScoped
public class OutcomeRetention {

    private static final int BATCH = 5000;

    private final EntityManager entityManager;
    private final ItemStatusRepository items;
    private final ExpiredItems expired;
    private final StatusConfig config;

    public OutcomeRetention(EntityManager entityManager, ItemStatusRepository items, ExpiredItems expired,
            StatusConfig config) {
        this.entityManager = entityManager;
        this.items = items;
        this.expired = expired;
        this.config = config;
    }

    /** The retention of a district. */
    public Duration retention(String tenant) {
        StatusConfig.District district = config.districts().get(tenant);
        return district == null ? config.outcomeRetention()
                : district.outcomeRetention().orElse(config.outcomeRetention());
    }

    /** Purges every district; returns how many items were deleted. */
    public long purge() {
        Instant now = Instant.now();
        long total = 0;
        @SuppressWarnings("unchecked")
        List<String> tenants = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT DISTINCT tenant FROM course_status ORDER BY tenant").getResultList());
        for (String tenant : tenants) {
            total += purge(tenant, now.minus(retention(tenant)));
        }
        int audited = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("DELETE FROM audit_event WHERE occurred_at < ?1")
                .setParameter(1, now.minus(config.auditRetention())).executeUpdate());
        if (audited > 0) {
            Log.infof("purged %d audit entries older than %s", audited, config.auditRetention());
        }
        return total;
    }

    private long purge(String tenant, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<String> courses = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT DISTINCT course_id FROM item_status WHERE tenant = ?1 AND occurred_at < ?2
                """).setParameter(1, tenant).setParameter(2, cutoff).getResultList());
        long deleted = 0;
        for (String courseId : courses) {
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> {
                    items.lockCourse(tenant, courseId);
                    return expired.forgetOlderThan(tenant, courseId, cutoff, BATCH);
                });
                deleted += batch;
            } while (batch == BATCH);
        }
        int runs = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                DELETE FROM sync_run WHERE tenant = ?1 AND requested_at < ?2
                """).setParameter(1, tenant).setParameter(2, cutoff).executeUpdate());
        if (deleted + runs > 0) {
            Log.infof("purged %d item outcomes and %d sync runs of district %s older than %s", deleted, runs, tenant,
                    cutoff);
        }
        return deleted;
    }
}
