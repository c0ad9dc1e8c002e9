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
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.outbound.canvas.CanvasModels.DueOverride;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Enrollment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Submission;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.outbound.canvas.CanvasInvalidAssignmentIdsException;
import org.ccsync.ingest.outbound.canvas.CanvasModels;

/** Re-reads Canvas REST and turns what it reads into the authoritative snapshots published on canvas-changes. */
@ApplicationScoped
public class SnapshotReader {

    private final CanvasClient canvas;

    public SnapshotReader(CanvasClient canvas) {
        this.canvas = canvas;
    }

    /**
     * The course's state, sections, enrollments and grading periods; its version is the time of the read. Students
     * come in every state (active, invited, inactive, completed), each with it, so that a student who left stays
     * known with the reason; teachers only while current (active or invited), because status-service signs them in.
     */
    public RosterChanged readRoster(String tenant, String courseId) {
        Instant readAt = Instant.now();
        CanvasModels.Course course = canvas.course(tenant, courseId);
        List<RosterChanged.Section> sections = toSections(canvas.sections(tenant, courseId));
        List<Enrollment> enrollments = canvas.enrollments(tenant, courseId);
        List<RosterChanged.GradingPeriod> periods = canvas.gradingPeriods(tenant, courseId).stream()
                .map(p -> new RosterChanged.GradingPeriod(p.id(), p.title(), p.startDate(), p.endDate(),
                        p.closeDate(), Boolean.TRUE.equals(p.isClosed())))
                .toList();
        long version = readAt.toEpochMilli();
        List<RosterChanged.Enrollment> teachers = enrollments(enrollments, "TeacherEnrollment").stream()
                .filter(RosterChanged.Enrollment::current).toList();
        return new RosterChanged(EventIds.of("roster", tenant, courseId, version), Instant.now(), tenant, courseId,
                version, course.name(), published(course), sections, enrollments(enrollments, "StudentEnrollment"),
                teachers, periods, concluded(course));
    }

    /** Canvas's {@code workflow_state} {@code available}. */
    static boolean published(CanvasModels.Course course) {
        return "available".equals(course.workflowState());
    }

    /**
     * Concluded: {@code workflow_state} {@code completed}, or Canvas's {@code concluded} (it also counts a course whose
     * end date, or its term's, has passed).
     */
    static boolean concluded(CanvasModels.Course course) {
        return "completed".equals(course.workflowState()) || Boolean.TRUE.equals(course.concluded());
    }

    /** Only the course's sections, which decide each assignment's section due dates. */
    public List<RosterChanged.Section> readSections(String tenant, String courseId) {
        return toSections(canvas.sections(tenant, courseId));
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

    /**
     * What a score read of some assignments returned, and the assignments Canvas refused to serve scores of because
     * they are not published (or are gone) any more.
     */
    public record ScoreRead(List<ScoreChanged> scores, List<String> refused) {
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

    /**
     * Every submission of some assignments (all of them when the list is empty), graded or not, in one paginated
     * {@code students/submissions} read: a cleared score or an excuse lifted without a score must reach eligibility,
     * and an unchanged ungraded submission is the same event id every time.
     */
    public List<ScoreChanged> readScores(String tenant, String courseId, List<String> assignmentIds) {
        return readScores(tenant, courseId, assignmentIds, null);
    }

    /**
     * Like {@link #readScores(String, String, List)} for assignments believed published; when Canvas refuses the read
     * because one of them is not (403 "invalid assignment ids requested", which fails the whole request), the list is
     * split in halves and each half read again, until the refused assignments are alone and left out. A burst with one
     * stale assignment costs a few more calls instead of all its scores.
     */
    public ScoreRead readScoresOf(String tenant, String courseId, List<String> assignmentIds) {
        try {
            return new ScoreRead(readScores(tenant, courseId, assignmentIds), List.of());
        } catch (CanvasInvalidAssignmentIdsException e) {
            if (assignmentIds.size() <= 1) {
                return new ScoreRead(List.of(), List.copyOf(assignmentIds));
            }
            int half = assignmentIds.size() / 2;
            ScoreRead first = readScoresOf(tenant, courseId, assignmentIds.subList(0, half));
            ScoreRead second = readScoresOf(tenant, courseId, assignmentIds.subList(half, assignmentIds.size()));
            List<ScoreChanged> scores = new ArrayList<>(first.scores());
            scores.addAll(second.scores());
            List<String> refused = new ArrayList<>(first.refused());
            refused.addAll(second.refused());
            return new ScoreRead(scores, refused);
        }
    }

    /**
     * The submissions of every assignment graded after {@code gradedSince}, ordered by {@code graded_at}, in one
     * paginated {@code students/submissions} read.
     */
    public List<ScoreChanged> readScoresGradedSince(String tenant, String courseId, Instant gradedSince) {
        return readScores(tenant, courseId, List.of(), gradedSince);
    }

    private List<ScoreChanged> readScores(String tenant, String courseId, List<String> assignmentIds,
            Instant gradedSince) {
        Instant readAt = Instant.now();
        return canvas.submissions(tenant, courseId, assignmentIds, gradedSince).stream()
                .map(s -> toScoreChanged(tenant, courseId, s, readAt))
                .flatMap(Optional::stream)
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

    /**
     * A submission as a score snapshot, graded or not. Its event id is derived from the content and Canvas's
     * timestamps, never the read time: a late-penalty recalculation (Canvas rewrites {@code score} and
     * {@code points_deducted} without moving {@code graded_at}) is a new event, while the webhook, the poller and an
     * unchanged re-read of one state produce one id. Its version is the later of {@code graded_at} and
     * {@code posted_at}, or, when Canvas has neither (never graded, or a cleared score whose timestamps are gone), the
     * time of the read, so such a state is never older than the graded one it replaces.
     */
    static Optional<ScoreChanged> toScoreChanged(String tenant, String courseId, Submission s, Instant readAt) {
        if (s.assignmentId() == null || s.userId() == null) {
            return Optional.empty();
        }
        Instant version = latest(s.gradedAt(), s.postedAt());
        long sourceVersion = (version != null ? version : readAt).toEpochMilli();
        boolean excused = Boolean.TRUE.equals(s.excused());
        boolean late = Boolean.TRUE.equals(s.late());
        boolean missing = Boolean.TRUE.equals(s.missing());
        String eventId = EventIds.of("score", tenant, courseId, s.assignmentId(), s.userId(), s.score(), s.grade(),
                excused, late, missing, s.workflowState(), s.pointsDeducted(), s.gradedAt(), s.postedAt());
        return Optional.of(new ScoreChanged(eventId, Instant.now(), tenant, courseId, s.assignmentId(), s.userId(),
                sourceVersion, s.score(), s.grade(), excused, late, missing, s.workflowState(), s.gradedAt(),
                s.postedAt(), s.pointsDeducted()));
    }

    private Map<String, AssignmentGroup> groups(String tenant, String courseId) {
        return canvas.assignmentGroups(tenant, courseId).stream()
                .filter(g -> g.id() != null)
                .collect(Collectors.toMap(AssignmentGroup::id, Function.identity(), (a, b) -> a));
    }

    private static List<RosterChanged.Section> toSections(List<CanvasModels.Section> sections) {
        return sections.stream().map(s -> new RosterChanged.Section(s.id(), s.sisSectionId(), s.name())).toList();
    }

    private static List<RosterChanged.Enrollment> enrollments(List<Enrollment> enrollments, String type) {
        return enrollments.stream()
                .filter(e -> type.equals(e.type()))
                .map(e -> new RosterChanged.Enrollment(
                        e.userId() != null ? e.userId() : e.user() == null ? null : e.user().id(),
                        e.sisUserId() != null ? e.sisUserId() : e.user() == null ? null : e.user().sisUserId(),
                        e.courseSectionId(), e.user() == null ? null : e.user().name(),
                        e.user() == null ? null : e.user().loginId(), e.enrollmentState()))
                .toList();
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
