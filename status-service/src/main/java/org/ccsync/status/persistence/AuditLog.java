package org.ccsync.status.persistence;

import static org.ccsync.status.persistence.StatusQueries.toInstant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.ccsync.status.domain.DriftService;

/**
 * The audit of every state-changing action: who (name and how they signed in), when, what, on which course. An
 * entry is written in the transaction of the change it records, so it exists exactly when the change happened.
 */
@ApplicationScoped
public class AuditLog {

    public static final String SYNC_NOW = "sync_now";
    public static final String DAILY_SYNC = "daily_sync";
    public static final String CATEGORY_MAPPING_SET = "category_mapping_set";
    public static final String CATEGORY_MAPPING_REMOVED = "category_mapping_removed";

    /** Who acted: their name and sign-in ({@code oidc}, {@code lti}, {@code script} or {@code token}). */
    public record Actor(String name, String signIn) {
    }

    /**
     * One audited action.
     *
     * @param courseId null for a district-wide change
     * @param target what was acted on: a run id, an assignment group name
     * @param value the new value, or null
     */
    public record Entry(long id, Instant occurredAt, String actor, String signIn, String action, String courseId,
            String target, String value) {

        /** The action in words, for the web page. */
        public String description() {
            return switch (action) {
                case SYNC_NOW -> "Sync now (run " + target + ")";
                case DAILY_SYNC -> "Daily sync " + value;
                case CATEGORY_MAPPING_SET -> "Filed the assignment group \"" + target + "\" under the IC category \""
                        + value + "\"";
                case CATEGORY_MAPPING_REMOVED -> "Removed the category mapping of the assignment group \"" + target
                        + "\"";
                case DriftService.DRIFT_VERIFY -> "Verify the course against Infinite Campus";
                case DriftService.HOLD_RELEASE -> "Released held change " + target;
                case DriftService.HOLD_DISCARD -> "Discarded held change " + target;
                default -> action;
            };
        }
    }

    private final EntityManager entityManager;

    public AuditLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records an action; must run in the transaction of the change. */
    public void record(String tenant, String courseId, String action, String target, String value, Actor actor) {
        entityManager.createNativeQuery("""
                INSERT INTO audit_event (tenant, course_id, action, target, new_value, actor, sign_in, occurred_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, action)
                .setParameter(4, target)
                .setParameter(5, value)
                .setParameter(6, actor.name())
                .setParameter(7, actor.signIn())
                .setParameter(8, Instant.now())
                .executeUpdate();
    }

    /** The district's most recent actions, newest first, optionally of one course. */
    public List<Entry> recent(String tenant, String courseId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, occurred_at, actor, sign_in, action, course_id, target, new_value FROM audit_event
                WHERE tenant = ?1 AND (CAST(?2 AS VARCHAR) IS NULL OR course_id = ?2)
                ORDER BY occurred_at DESC, id DESC
                """).setParameter(1, tenant).setParameter(2, courseId).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), toInstant(r[1]), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7])).toList();
    }
}
