package org.ccsync.writer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An explicit Canvas assignment group to IC category override, for one course or (course null) a district; a null
 * title marks a removed override.
 */
@Entity
@Table(name = "category_mapping")
public class CategoryMappingEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;

    @Column(name = "course_id")
    public String courseId;

    @Column(name = "canvas_group_name")
    public String canvasGroupName;

    @Column(name = "ic_category_title")
    public String icCategoryTitle;

    @Column(name = "source_version")
    public long sourceVersion;
}
