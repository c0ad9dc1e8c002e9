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

/** A student enrolled in one section of a course; the SIS user id is the IC student sourcedId and may be missing. */
@Entity
@Table(name = "student_enrollment")
public class StudentEnrollment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "course_id", nullable = false)
    public String courseId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "sis_user_id")
    public String sisUserId;

    @Column(name = "section_id", nullable = false)
    public String sectionId;

    public String name;

    /** Canvas's enrollment state: active, invited, inactive or completed. */
    @Column(nullable = false)
    public String state = RosterChanged.Enrollment.ACTIVE;

    /** Whether the student still takes part: an inactive or concluded enrollment keeps its scores in IC, frozen. */
    public boolean current() {
        return RosterChanged.Enrollment.ACTIVE.equals(state) || RosterChanged.Enrollment.INVITED.equals(state);
    }

    public static List<StudentEnrollment> ofCourse(String tenant, String courseId) {
        return list("tenant = ?1 and courseId = ?2 order by userId, sectionId", tenant, courseId);
    }
}
