package org.ccsync.eligibility.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.RosterChanged;

/** A Canvas grading period of a course, used by the outside-term rule. */
@Entity
@Table(name = "grading_period")
public class GradingPeriod extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "course_id", nullable = false)
    public String courseId;

    @Column(name = "period_id", nullable = false)
    public String periodId;

    public String title;

    @Column(name = "start_date")
    public Instant startDate;

    @Column(name = "end_date")
    public Instant endDate;

    @Column(name = "close_date")
    public Instant closeDate;

    @Column(nullable = false)
    public boolean closed;

    public static List<GradingPeriod> ofCourse(String tenant, String courseId) {
        return list("tenant = ?1 and courseId = ?2 order by periodId", tenant, courseId);
    }

    public RosterChanged.GradingPeriod toFacts() {
        return new RosterChanged.GradingPeriod(periodId, title, startDate, endDate, closeDate, closed);
    }
}
