package org.ccsync.eligibility.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/** A Canvas course as its latest RosterChanged described it. */
@Entity
@Table(name = "course")
public class Course extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "course_id", nullable = false)
    public String courseId;

    public String name;

    @Column(nullable = false)
    public boolean published;

    /** Concluded in Canvas, or its end date or term has passed: its IC gradebook is kept and no longer syncs. */
    @Column(nullable = false)
    public boolean concluded;

    /**
     * Canvas answered 404 for the course (deleted, or out of reach of the district's Canvas address and token): its
     * last known roster stands, and until Canvas answers for it again its assignments are {@code course_not_found}.
     */
    @Column(name = "not_found", nullable = false)
    public boolean notFound;

    @Column(name = "published_version", nullable = false)
    public long publishedVersion;

    @Column(name = "roster_version", nullable = false)
    public long rosterVersion;

    public static Optional<Course> byKey(String tenant, String courseId) {
        return find("tenant = ?1 and courseId = ?2", tenant, courseId).firstResultOptional();
    }
}
