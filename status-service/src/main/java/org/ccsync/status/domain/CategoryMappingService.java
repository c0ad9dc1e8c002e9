package org.ccsync.status.domain;

import static org.ccsync.status.persistence.StatusQueries.number;
import static org.ccsync.status.persistence.StatusQueries.toInstant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.status.outbound.CategoryMappingPublisher;
import org.ccsync.status.persistence.AuditLog;

/**
 * Category mapping overrides: kept in a local table for listing, and published to campus-writer on
 * category-mappings (keyed by district) before the change is confirmed. A null course id means district-wide.
 */
@ApplicationScoped
public class CategoryMappingService {

    private static final String DISTRICT = "";

    private static final String UPSERT = """
            INSERT INTO category_mapping (tenant, course_id, canvas_group_name, ic_category_title, source_version,
                                          changed_by, changed_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (tenant, course_id, canvas_group_name) DO UPDATE SET
                ic_category_title = EXCLUDED.ic_category_title,
                source_version = GREATEST(EXCLUDED.source_version, category_mapping.source_version + 1),
                changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
            RETURNING source_version
            """;

    private final EntityManager entityManager;
    private final CategoryMappingPublisher publisher;
    private final AuditLog audit;

    public CategoryMappingService(EntityManager entityManager, CategoryMappingPublisher publisher, AuditLog audit) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.audit = audit;
    }

    public List<CategoryMappingView> list(String tenant, String courseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT canvas_group_name, ic_category_title, changed_by, changed_at, source_version
                FROM category_mapping WHERE tenant = ?1 AND course_id = ?2 ORDER BY canvas_group_name
                """).setParameter(1, tenant).setParameter(2, level(courseId)).getResultList();
        return rows.stream().map(r -> new CategoryMappingView(courseId, (String) r[0], (String) r[1], (String) r[2],
                toInstant(r[3]), number(r[4]))).toList();
    }

    /** Files the Canvas group under the IC category, for the district or one course. */
    @Transactional
    public CategoryMappingView put(String tenant, String courseId, String group, String icCategory,
            AuditLog.Actor actor) {
        String changedBy = actor.name();
        Instant now = Instant.now();
        long version = number(entityManager.createNativeQuery(UPSERT)
                .setParameter(1, tenant)
                .setParameter(2, level(courseId))
                .setParameter(3, group)
                .setParameter(4, icCategory)
                .setParameter(5, now.toEpochMilli())
                .setParameter(6, changedBy)
                .setParameter(7, now)
                .getSingleResult());
        publish(tenant, courseId, group, icCategory, changedBy, now, version);
        audit.record(tenant, courseId, AuditLog.CATEGORY_MAPPING_SET, group, icCategory, actor);
        return new CategoryMappingView(courseId, group, icCategory, changedBy, now, version);
    }

    /** Removes the override, so the writer falls back to its own mapping. */
    @Transactional
    public void delete(String tenant, String courseId, String group, AuditLog.Actor actor) {
        String changedBy = actor.name();
        List<?> versions = entityManager.createNativeQuery("""
                DELETE FROM category_mapping WHERE tenant = ?1 AND course_id = ?2 AND canvas_group_name = ?3
                RETURNING source_version
                """).setParameter(1, tenant).setParameter(2, level(courseId)).setParameter(3, group)
                .getResultList();
        if (versions.isEmpty()) {
            throw new UnknownResourceException("unknown_mapping",
                    "No category mapping override exists for the assignment group \"" + group + "\".");
        }
        Instant now = Instant.now();
        long version = Math.max(now.toEpochMilli(), number(versions.get(0)) + 1);
        publish(tenant, courseId, group, null, changedBy, now, version);
        audit.record(tenant, courseId, AuditLog.CATEGORY_MAPPING_REMOVED, group, null, actor);
    }

    private void publish(String tenant, String courseId, String group, String icCategory, String changedBy,
            Instant now, long version) {
        publisher.publish(new CategoryMappingChanged(
                EventIds.of("category-mapping", tenant, level(courseId), group, version), now, tenant, courseId,
                version, group, icCategory, changedBy));
    }

    private static String level(String courseId) {
        return courseId == null ? DISTRICT : courseId;
    }
}
