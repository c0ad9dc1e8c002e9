package org.ccsync.writer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.writer.domain.CategoryMapper;

/** The explicit category rules of a course, highest priority first: course rows, district rows, settings. */
@ApplicationScoped
public class CategoryMappingRepository implements PanacheRepositoryBase<CategoryMappingEntry, Long> {

    @Transactional
    public List<CategoryMapper.Rule> rules(String tenant, String courseId, Map<String, String> settings) {
        List<CategoryMapper.Rule> rules = new ArrayList<>();
        list("tenant = ?1 and (courseId = ?2 or courseId is null) and icCategoryTitle is not null", tenant, courseId)
                .stream()
                .sorted(Comparator.comparing(row -> row.courseId == null))
                .forEach(row -> rules.add(new CategoryMapper.Rule(row.canvasGroupName, row.icCategoryTitle,
                        row.courseId == null ? "district override" : "course override")));
        settings.forEach((group, title) -> rules.add(new CategoryMapper.Rule(group, title, "district settings")));
        return rules;
    }

    /**
     * Sets or (null title) removes one override in the caller's transaction, unless a newer change is stored.
     *
     * @return false when the stored override is newer and stays
     */
    public boolean apply(CategoryMappingChanged change) {
        return getEntityManager().createNativeQuery("""
                insert into category_mapping (tenant, course_id, canvas_group_name, ic_category_title, source_version)
                values (:tenant, cast(:course as varchar), :groupName, cast(:title as varchar), :version)
                on conflict (tenant, coalesce(course_id, ''), lower(canvas_group_name)) do update set
                    canvas_group_name = excluded.canvas_group_name,
                    ic_category_title = excluded.ic_category_title,
                    source_version = excluded.source_version
                where category_mapping.source_version <= excluded.source_version
                """)
                .setParameter("tenant", change.tenant())
                .setParameter("course", change.courseId())
                .setParameter("groupName", change.canvasGroupName().trim())
                .setParameter("title", change.icCategoryTitle() == null ? null : change.icCategoryTitle().trim())
                .setParameter("version", change.sourceVersion())
                .executeUpdate() == 1;
    }
}
