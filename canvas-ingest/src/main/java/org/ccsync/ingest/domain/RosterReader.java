package org.ccsync.ingest.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Enrollment;
import org.ccsync.ingest.outbound.canvas.CanvasModels;

/** Re-reads a course's roster from Canvas REST (state, sections, enrollments, grading periods) as its snapshot. */
@ApplicationScoped
public class RosterReader {

    private final CanvasClient canvas;

    public RosterReader(CanvasClient canvas) {
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
}
