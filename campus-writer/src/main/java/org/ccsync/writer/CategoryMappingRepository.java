package org.ccsync.writer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The explicit category rules of a course, highest priority first: course rows, district rows, settings. */
@ApplicationScoped
public class CategoryMappingRepository implements PanacheRepositoryBase<CategoryMappingEntry, Long> {

    @Transactional
    public List<CategoryMapper.Rule> rules(String tenant, String courseId, Map<String, String> settings) {
        List<CategoryMapper.Rule> rules = new ArrayList<>();
        list("tenant = ?1 and (courseId = ?2 or courseId is null)", tenant, courseId).stream()
                .sorted(Comparator.comparing(row -> row.courseId == null))
                .forEach(row -> rules.add(new CategoryMapper.Rule(row.canvasGroupName, row.icCategoryTitle,
                        row.courseId == null ? "district override" : "course override")));
        settings.forEach((group, title) -> rules.add(new CategoryMapper.Rule(group, title, "district settings")));
        return rules;
    }
}
