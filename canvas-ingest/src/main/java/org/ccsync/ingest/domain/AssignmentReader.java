package org.ccsync.ingest.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.AssignmentOverride;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.outbound.canvas.CanvasModels.DueOverride;

/**
 * Re-reads assignments from Canvas REST (with their overrides and groups) and turns them into the assignment
 * snapshots published on canvas-changes, with the content hash the poller compares.
 */
@ApplicationScoped
public class AssignmentReader {

    private final CanvasClient canvas;

    public AssignmentReader(CanvasClient canvas) {
        this.canvas = canvas;
    }

    /**
     * An assignment snapshot and the hash of the Canvas assignment it was built from ({@link #DELETED} for a
     * deleted one), which the poller compares to find assignments that changed without an event.
     */
    public record AssignmentSnapshot(AssignmentChanged change, String contentHash) {

        /**
         * Whether Canvas's students/submissions serves its scores: only published assignments'
         * ({@code submissions_api_controller.rb}, {@code for_students}); asking for another fails the whole request.
         */
        public boolean scoresReadable() {
            return change.published() && !DELETED.equals(change.workflowState())
                    && !"unpublished".equals(change.workflowState());
        }
    }

    /** The content hash of an assignment Canvas no longer has. */
    public static final String DELETED = "deleted";

    /**
     * One assignment; a deleted one (Canvas answers 404 for it, and serves its course) becomes a {@code deleted}
     * snapshot versioned by the trigger's time.
     *
     * @throws CanvasNotFoundException when Canvas answers 404 for the course too: the course is gone or out of reach,
     *     which says nothing about the assignment ({@link MissingCourses})
     */
    public AssignmentSnapshot readAssignment(String tenant, String courseId, String assignmentId,
            List<RosterChanged.Section> sections, long triggerVersion) {
        Optional<Assignment> assignment = canvas.assignment(tenant, courseId, assignmentId);
        if (assignment.isEmpty()) {
            canvas.course(tenant, courseId);
            return new AssignmentSnapshot(deleted(tenant, courseId, assignmentId, triggerVersion), DELETED);
        }
        return toSnapshots(tenant, courseId, List.of(assignment.get()), sections).get(0);
    }

    /** Every assignment of the course. */
    public List<AssignmentSnapshot> readAssignments(String tenant, String courseId,
            List<RosterChanged.Section> sections) {
        return toSnapshots(tenant, courseId, canvas.assignments(tenant, courseId), sections);
    }

    /** Snapshots of assignments already read, with the course's assignment groups read once for all of them. */
    public List<AssignmentSnapshot> toSnapshots(String tenant, String courseId, List<Assignment> assignments,
            List<RosterChanged.Section> sections) {
        if (assignments.isEmpty()) {
            return List.of();
        }
        Map<String, AssignmentGroup> groups = groups(tenant, courseId);
        return assignments.stream()
                .map(a -> new AssignmentSnapshot(toAssignmentChanged(tenant, courseId, a, groups, sections),
                        contentHash(a)))
                .toList();
    }

    static AssignmentChanged deleted(String tenant, String courseId, String assignmentId, long version) {
        return new AssignmentChanged(EventIds.of("assignment", tenant, courseId, assignmentId, version, "deleted"),
                Instant.now(), tenant, courseId, assignmentId, version, null, null, null, "deleted", false, false,
                false, false, null, null, List.of(), List.of());
    }

    /**
     * Deleted snapshots for assignments published before (a known hash) that Canvas no longer lists, versioned by
     * the time of the read that noticed it.
     */
    public static List<AssignmentSnapshot> deletedSince(String tenant, String courseId, Map<String, String> known,
            List<String> listed, Instant readAt) {
        Set<String> gone = new LinkedHashSet<>(known.keySet());
        listed.forEach(gone::remove);
        return gone.stream()
                .filter(id -> !DELETED.equals(known.get(id)))
                .sorted()
                .map(id -> new AssignmentSnapshot(deleted(tenant, courseId, id, readAt.toEpochMilli()),
                        DELETED))
                .toList();
    }

    /**
     * A hash of every field of the assignment the sync reads, overrides included; {@code updated_at} is part of it
     * but not relied on, because Canvas does not move it for every change (for example an override's date).
     */
    public static String contentHash(Assignment assignment) {
        return EventIds.of("assignment-content", assignment);
    }

    /**
     * An assignment as a snapshot. Overrides follow what Canvas means by them: an override that does not set the due
     * date gives its target the assignment's own date; a section it unassigns ({@code unassign_item}) is not targeted
     * and the override is left out (a student it unassigns stays, as ADHOC differentiation); a module's override
     * ({@code context_module_id}) targets its set with the assignment's date. When module overrides or unassignments
     * exist the assignment no longer reaches everyone, so the snapshot's {@code onlyVisibleToOverrides} is true.
     */
    static AssignmentChanged toAssignmentChanged(String tenant, String courseId, Assignment a,
            Map<String, AssignmentGroup> groups, List<RosterChanged.Section> sections) {
        AssignmentGroup group = a.assignmentGroupId() == null ? null : groups.get(a.assignmentGroupId());
        AssignmentGroupRef groupRef = group != null
                ? new AssignmentGroupRef(group.id(), group.name(), group.sisSourceId())
                : a.assignmentGroupId() == null ? null : new AssignmentGroupRef(a.assignmentGroupId(), null, null);
        List<DueOverride> rawOverrides = a.overrides() == null ? List.of() : a.overrides();
        List<AssignmentOverride> overrides = rawOverrides.stream()
                .filter(o -> !(o.unassigns() && o.courseSectionId() != null))
                .map(o -> new AssignmentOverride(o.id(), overrideType(o), o.courseSectionId(),
                        o.dueAtOverridden() ? o.dueAt() : a.dueAt(),
                        o.studentIds() == null ? null : List.copyOf(o.studentIds())))
                .toList();
        boolean restricted = Boolean.TRUE.equals(a.onlyVisibleToOverrides())
                || rawOverrides.stream().anyMatch(o -> o.fromModule() || o.unassigns());
        List<SectionDueDate> dueDates = sectionDueDates(a.dueAt(), Boolean.TRUE.equals(a.onlyVisibleToOverrides()),
                rawOverrides, sections);
        long version = a.updatedAt() == null ? 0 : a.updatedAt().toEpochMilli();
        boolean published = Boolean.TRUE.equals(a.published());
        String workflowState = a.workflowState() != null ? a.workflowState()
                : published ? "published" : "unpublished";
        boolean postToSis = Boolean.TRUE.equals(a.postToSis());
        boolean omitFromFinalGrade = Boolean.TRUE.equals(a.omitFromFinalGrade());
        // updated_at does not move when only an override or the group changes, so the content is part of the id.
        String eventId = EventIds.of("assignment", tenant, courseId, a.id(), version, a.name(), a.pointsPossible(),
                a.gradingType(), workflowState, published, postToSis, omitFromFinalGrade, restricted, a.dueAt(),
                groupRef, overrides, dueDates);
        return new AssignmentChanged(eventId, Instant.now(), tenant, courseId, a.id(), version, a.name(),
                a.pointsPossible(), a.gradingType(), workflowState, published, postToSis, omitFromFinalGrade,
                restricted, a.dueAt(), groupRef, overrides, dueDates);
    }

    /**
     * For each course section the assignment targets, its effective due date, as Canvas's
     * {@code AssignmentOverrideApplicator} gives it: a section it unassigns is left out; the assignment's own override
     * of the section gives the date it sets, or the base date when it sets none (it only changes availability); a
     * module's override of the section gives the base date; any other section gets the base date only while the
     * assignment is visible to everyone (not only to its overrides, and no module override restricts it).
     */
    static List<SectionDueDate> sectionDueDates(Instant baseDueAt, boolean onlyVisibleToOverrides,
            List<DueOverride> overrides, List<RosterChanged.Section> sections) {
        Set<String> unassigned = new HashSet<>();
        Map<String, DueOverride> own = new HashMap<>();
        Set<String> byModule = new HashSet<>();
        boolean moduleRestricted = false;
        for (DueOverride o : overrides) {
            moduleRestricted |= o.fromModule() && !o.unassigns();
            if (o.courseSectionId() == null) {
                continue;
            }
            if (o.unassigns()) {
                unassigned.add(o.courseSectionId());
            } else if (o.fromModule()) {
                byModule.add(o.courseSectionId());
            } else {
                own.putIfAbsent(o.courseSectionId(), o);
            }
        }
        boolean everyone = !onlyVisibleToOverrides && !moduleRestricted;
        List<SectionDueDate> dates = new ArrayList<>();
        for (RosterChanged.Section section : sections) {
            DueOverride override = own.get(section.id());
            if (unassigned.contains(section.id())) {
                continue;
            }
            if (override != null) {
                dates.add(new SectionDueDate(section.id(), section.sisSectionId(),
                        override.dueAtOverridden() ? override.dueAt() : baseDueAt));
            } else if (everyone || byModule.contains(section.id())) {
                dates.add(new SectionDueDate(section.id(), section.sisSectionId(), baseDueAt));
            }
        }
        return dates;
    }

    static String overrideType(DueOverride o) {
        if (o.courseSectionId() != null) {
            return "CourseSection";
        }
        if (o.studentIds() != null && !o.studentIds().isEmpty()) {
            return "ADHOC";
        }
        if (o.groupId() != null) {
            return "Group";
        }
        if (o.noopId() != null) {
            return "Noop";
        }
        return "Course";
    }

    private Map<String, AssignmentGroup> groups(String tenant, String courseId) {
        return canvas.assignmentGroups(tenant, courseId).stream()
                .filter(g -> g.id() != null)
                .collect(Collectors.toMap(AssignmentGroup::id, Function.identity(), (a, b) -> a));
    }
}
