package org.ccsync.ingest.outbound.canvas;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The Canvas REST endpoints the sync reads, as a Quarkus REST client built per district; every method returns
 * the raw response so that {@link CanvasClient} reads the status, the pagination and the rate-limit headers.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface CanvasApi {

    @GET
    @Path("/api/v1/accounts/{accountId}/courses")
    Response accountCourses(@PathParam("accountId") String accountId, @QueryParam("published") boolean published,
            @QueryParam("per_page") int perPage);

    @GET
    @Path("/api/v1/courses/{courseId}")
    Response course(@PathParam("courseId") String courseId, @QueryParam("include[]") String include);

    @GET
    @Path("/api/v1/courses/{courseId}/assignments")
    Response assignments(@PathParam("courseId") String courseId, @QueryParam("include[]") String include,
            @QueryParam("override_assignment_dates") boolean overrideAssignmentDates,
            @QueryParam("per_page") int perPage);

    @GET
    @Path("/api/v1/courses/{courseId}/assignments/{assignmentId}")
    Response assignment(@PathParam("courseId") String courseId, @PathParam("assignmentId") String assignmentId,
            @QueryParam("include[]") String include,
            @QueryParam("override_assignment_dates") boolean overrideAssignmentDates);

    @GET
    @Path("/api/v1/courses/{courseId}/students/submissions")
    Response submissions(@PathParam("courseId") String courseId, @QueryParam("student_ids[]") String studentIds,
            @QueryParam("assignment_ids[]") List<String> assignmentIds,
            @QueryParam("graded_since") String gradedSince, @QueryParam("order") String order,
            @QueryParam("per_page") int perPage);

    @GET
    @Path("/api/v1/courses/{courseId}/sections")
    Response sections(@PathParam("courseId") String courseId, @QueryParam("per_page") int perPage);

    @GET
    @Path("/api/v1/courses/{courseId}/enrollments")
    Response enrollments(@PathParam("courseId") String courseId, @QueryParam("type[]") List<String> types,
            @QueryParam("state[]") List<String> states, @QueryParam("per_page") int perPage);

    @GET
    @Path("/api/v1/courses/{courseId}/assignment_groups")
    Response assignmentGroups(@PathParam("courseId") String courseId, @QueryParam("per_page") int perPage);

    @GET
    @Path("/api/v1/courses/{courseId}/grading_periods")
    Response gradingPeriods(@PathParam("courseId") String courseId, @QueryParam("per_page") int perPage);

    /** A further page: Canvas's {@code Link rel="next"} URL, used as given. */
    @GET
    Response page(@Url String url);
}
