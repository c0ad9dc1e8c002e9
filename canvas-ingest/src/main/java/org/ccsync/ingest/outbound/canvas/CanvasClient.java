package org.ccsync.ingest.outbound.canvas;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Course;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Enrollment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.GradingPeriod;
import org.ccsync.ingest.outbound.canvas.CanvasModels.GradingPeriods;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Section;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Submission;
import org.ccsync.ingest.outbound.canvas.CanvasRequests.BodyParser;
import org.ccsync.ingest.outbound.canvas.CanvasRequests.Page;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;

/**
 * Reads Canvas REST for one district at a time: each endpoint and its {@code Link rel="next"} pages; each request,
 * its pacing and its retries are {@link CanvasRequests}' (a {@link CanvasTokenRejectedException} on 401).
 */
@ApplicationScoped
public class CanvasClient {

    private static final List<String> ENROLLMENT_TYPES = List.of("StudentEnrollment", "TeacherEnrollment");
    /** Every state a course's roster keeps; without state[] Canvas returns only active and invited ones. */
    private static final List<String> ENROLLMENT_STATES = List.of("active", "invited", "inactive", "completed");

    private final IngestConfig config;
    private final ObjectMapper mapper;
    private final CanvasRequests requests;

    public CanvasClient(IngestConfig config, ObjectMapper mapper, IngestMetrics metrics) {
        this.config = config;
        this.mapper = mapper;
        this.requests = new CanvasRequests(config, metrics);
    }

    /** The course with {@code concluded}. */
    public Course course(String tenant, String courseId) {
        return requests.send(tenant, courseId, "course", "course", api -> api.course(courseId, "concluded"),
                json(Course.class)).body();
    }

    /** The account's published courses, for districts that do not list the courses to keep in sync. */
    public List<Course> publishedCourses(String tenant) {
        String accountId = requests.district(tenant).accountId();
        int perPage = config.canvas().perPage();
        return list(tenant, "account " + accountId, "account_courses",
                api -> api.accountCourses(accountId, true, perPage), new TypeReference<List<Course>>() {
                }).stream().filter(c -> "available".equals(c.workflowState())).toList();
    }

    /** Every assignment of the course with its overrides and base (not overridden) dates. */
    public List<Assignment> assignments(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "assignments",
                api -> api.assignments(courseId, "overrides", false, perPage), new TypeReference<>() {
                });
    }

    /** One assignment with its overrides, or empty when Canvas no longer has it. */
    public Optional<Assignment> assignment(String tenant, String courseId, String assignmentId) {
        try {
            return Optional.of(requests.send(tenant, courseId, "assignment", "assignment " + assignmentId,
                    api -> api.assignment(courseId, assignmentId, "overrides", false), json(Assignment.class)).body());
        } catch (CanvasNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The submissions of every student, ordered by {@code graded_at}, in as few calls as pagination allows (Canvas
     * pages this order with opaque bookmarks: the {@code next} links are followed as given).
     *
     * @param assignmentIds the assignments to read, all published; empty for every published one
     * @param gradedSince only submissions graded after it; null for all
     * @throws CanvasInvalidAssignmentIdsException when one of {@code assignmentIds} is not published
     */
    public List<Submission> submissions(String tenant, String courseId, List<String> assignmentIds,
            Instant gradedSince) {
        int perPage = config.canvas().perPage();
        // Canvas checks graded_since against Api::ISO8601_REGEX: a full date-time in UTC, never a bare date.
        String since = gradedSince == null ? null : DateTimeFormatter.ISO_INSTANT.format(gradedSince);
        List<String> ids = assignmentIds.isEmpty() ? null : assignmentIds;
        return list(tenant, courseId, "submissions",
                api -> api.submissions(courseId, "all", ids, since, "graded_at", perPage), new TypeReference<>() {
                });
    }

    public List<Section> sections(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "sections", api -> api.sections(courseId, perPage), new TypeReference<>() {
        });
    }

    /** Student and teacher enrollments in every state but deleted and rejected, each with its state. */
    public List<Enrollment> enrollments(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "enrollments",
                api -> api.enrollments(courseId, ENROLLMENT_TYPES, ENROLLMENT_STATES, perPage),
                new TypeReference<>() {
                });
    }

    public List<AssignmentGroup> assignmentGroups(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "assignment_groups", api -> api.assignmentGroups(courseId, perPage),
                new TypeReference<>() {
                });
    }

    public List<GradingPeriod> gradingPeriods(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        List<GradingPeriod> periods = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            Page<GradingPeriods> page = requests.send(tenant, courseId, "grading_periods", "grading periods",
                    api -> url == null ? api.gradingPeriods(courseId, perPage) : api.page(url),
                    json(GradingPeriods.class));
            if (page.body().gradingPeriods() != null) {
                periods.addAll(page.body().gradingPeriods());
            }
            next = page.next();
        } while (next != null);
        return periods;
    }

    private <T> List<T> list(String tenant, String courseId, String endpoint, Function<CanvasApi, Response> first,
            TypeReference<List<T>> type) {
        List<T> all = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            Page<List<T>> page = requests.send(tenant, courseId, endpoint, endpoint,
                    api -> url == null ? first.apply(api) : api.page(url), body -> mapper.readValue(body, type));
            all.addAll(page.body());
            next = page.next();
        } while (next != null);
        return all;
    }

    private <T> BodyParser<T> json(Class<T> type) {
        return body -> Objects.requireNonNull(mapper.readValue(body, type), "empty body");
    }
}
