package org.ccsync.eligibility.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.ccsync.contracts.RosterChanged;

/** A Canvas section of a course; its SIS id is the IC class sourcedId and may be missing. */
@Entity
@Table(name = "section")
public class CourseSection extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "course_id", nullable = false)
    public String courseId;

    @Column(name = "section_id", nullable = false)
    public String sectionId;

    @Column(name = "sis_section_id")
    public String sisSectionId;

    public String name;

    public static List<CourseSection> ofCourse(String tenant, String courseId) {
        return list("tenant = ?1 and courseId = ?2 order by sectionId", tenant, courseId);
    }

    public RosterChanged.Section toFacts() {
        return new RosterChanged.Section(sectionId, sisSectionId, name);
    }
}
