package org.ccsync.eligibility.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.AssignmentOverride;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.eligibility.domain.EligibilityRules;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A Canvas assignment's latest snapshot, its last eligibility decision and the IC classes it was synced to. */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    /** One IC class that holds a lineItem of this assignment. */
    public record SyncedClass(String sectionId, String classSourcedId, String lineItemSourcedId) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "course_id", nullable = false)
    public String courseId;

    @Column(name = "assignment_id", nullable = false)
    public String assignmentId;

    @Column(name = "source_version", nullable = false)
    public long sourceVersion;

    public String name;

    @Column(name = "points_possible")
    public Double pointsPossible;

    @Column(name = "grading_type")
    public String gradingType;

    @Column(name = "workflow_state")
    public String workflowState;

    @Column(nullable = false)
    public boolean published;

    @Column(name = "post_to_sis", nullable = false)
    public boolean postToSis;

    @Column(name = "omit_from_final_grade", nullable = false)
    public boolean omitFromFinalGrade;

    @Column(name = "only_visible_to_overrides", nullable = false)
    public boolean onlyVisibleToOverrides;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "group_name")
    public String groupName;

    @Column(name = "group_sis_source_id")
    public String groupSisSourceId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<AssignmentOverride> overrides = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "section_due_dates", nullable = false)
    public List<SectionDueDate> sectionDueDates = new ArrayList<>();

    public String decision;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "synced_classes", nullable = false)
    public List<SyncedClass> syncedClasses = new ArrayList<>();

    @Column(name = "sync_epoch", nullable = false)
    public int syncEpoch;

    public static Optional<Assignment> byKey(String tenant, String courseId, String assignmentId) {
        return find("tenant = ?1 and courseId = ?2 and assignmentId = ?3", tenant, courseId, assignmentId)
                .firstResultOptional();
    }

    public static List<Assignment> ofCourse(String tenant, String courseId) {
        return list("tenant = ?1 and courseId = ?2 order by assignmentId", tenant, courseId);
    }

    /** Copies a snapshot's fields; the caller has checked that it is not older than the stored one. */
    public void apply(AssignmentChanged change) {
        sourceVersion = change.sourceVersion();
        name = change.name();
        pointsPossible = change.pointsPossible();
        gradingType = change.gradingType();
        workflowState = change.workflowState();
        published = change.published();
        postToSis = change.postToSis();
        omitFromFinalGrade = change.omitFromFinalGrade();
        onlyVisibleToOverrides = change.onlyVisibleToOverrides();
        dueAt = change.dueAt();
        AssignmentGroupRef group = change.group();
        groupId = group == null ? null : group.id();
        groupName = group == null ? null : group.name();
        groupSisSourceId = group == null ? null : group.sisSourceId();
        overrides = change.overrides() == null ? new ArrayList<>() : new ArrayList<>(change.overrides());
        sectionDueDates = change.sectionDueDates() == null ? new ArrayList<>()
                : new ArrayList<>(change.sectionDueDates());
    }

    public AssignmentGroupRef group() {
        return groupId == null && groupName == null ? null
                : new AssignmentGroupRef(groupId, groupName, groupSisSourceId);
    }

    public EligibilityRules.AssignmentFacts toFacts() {
        return new EligibilityRules.AssignmentFacts(assignmentId, sourceVersion, name, pointsPossible, gradingType,
                workflowState, published, postToSis, omitFromFinalGrade, onlyVisibleToOverrides, dueAt, overrides,
                sectionDueDates);
    }
}
