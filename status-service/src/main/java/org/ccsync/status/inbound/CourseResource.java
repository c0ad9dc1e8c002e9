package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.domain.CourseNotFoundException;
import org.ccsync.status.domain.CourseService;
import org.ccsync.status.domain.CourseStatusView;
import org.ccsync.status.domain.CourseSummary;
import org.ccsync.status.domain.ItemView;
import org.ccsync.status.domain.SyncRunView;
import org.ccsync.status.domain.UnknownResourceException;
import org.ccsync.status.persistence.StatusQueries;
import org.ccsync.status.persistence.SyncRun;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Courses of a district: status, items, sync history, "sync now" and the daily schedule. */
@Path("/api/districts/{tenant}/courses")
@Tag(name = "Courses")
public class CourseResource {

    private static final int MAX_ITEMS = 5000;

    private final Access access;
    private final StatusQueries queries;
    private final CourseService courses;

    public CourseResource(Access access, StatusQueries queries, CourseService courses) {
        this.access = access;
        this.queries = queries;
        this.courses = courses;
    }

    /** The body of a daily-schedule change. */
    public record DailySyncSetting(@NotNull Boolean enabled) {
    }

    /** The answer to an accepted "sync now": the run to follow. */
    public record SyncAccepted(String runId, String stage, String href) {
    }

    @GET
    @Operation(summary = "The courses the caller may see: all for a district admin, their own for a teacher")
    @PermissionsAllowed(Access.SEE_DISTRICT)
    public List<CourseSummary> list(@PathParam("tenant") String tenant) {
        return queries.courses(tenant, access.visibleCourses(tenant));
    }

    @GET
    @Path("/{courseId}")
    @Operation(summary = "A course: last successful sync, counts by status, skips by reason, failures by code, "
            + "backlog, daily schedule and recent runs")
    @PermissionsAllowed(Access.REACH_COURSE)
    public CourseStatusView course(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        return queries.course(tenant, courseId).orElseThrow(() -> new CourseNotFoundException(tenant, courseId));
    }

    @GET
    @Path("/{courseId}/items")
    @Operation(summary = "The state of every item (assignment, lineItem, result) of a course, optionally by status")
    @PermissionsAllowed(Access.REACH_COURSE)
    public List<ItemView> items(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @QueryParam("status") @Pattern(regexp = "WRITTEN|PENDING|SKIPPED|FAILED|REMOVED") String status,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(MAX_ITEMS) int limit) {
        CourseService.existing(tenant, courseId);
        return queries.items(tenant, courseId, status, limit);
    }

    @GET
    @Path("/{courseId}/runs")
    @Operation(summary = "The course's sync history: each sync now and daily run with who asked, when, stage, counts")
    @PermissionsAllowed(Access.REACH_COURSE)
    public List<SyncRunView> runs(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        CourseService.existing(tenant, courseId);
        return SyncRun.recentForCourse(tenant, courseId, 50).stream().map(SyncRunView::of).toList();
    }

    @GET
    @Path("/{courseId}/runs/{runId}")
    @Operation(summary = "One sync run of the course")
    @PermissionsAllowed(Access.REACH_COURSE)
    public SyncRunView run(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("runId") String runId) {
        return SyncRun.findRun(tenant, courseId, runId).map(SyncRunView::of)
                .orElseThrow(() -> new UnknownResourceException("unknown_run",
                        "No sync run " + runId + " is known for course " + courseId + "."));
    }

    @POST
    @Path("/{courseId}/sync")
    @ResponseStatus(202)
    @Operation(summary = "Sync now: asks canvas-ingest for a full reconciliation; 202 once the request is durable")
    @PermissionsAllowed(Access.REACH_COURSE)
    public SyncAccepted syncNow(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        SyncRun run = courses.syncNow(tenant, courseId, access.actor());
        return new SyncAccepted(run.runId, run.stage,
                "/api/districts/" + tenant + "/courses/" + courseId + "/runs/" + run.runId);
    }

    @PUT
    @Path("/{courseId}/daily-sync")
    @Operation(summary = "Turns the course's scheduled daily sync on or off")
    @PermissionsAllowed(Access.REACH_COURSE)
    public CourseStatusView dailySync(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @Valid @NotNull DailySyncSetting setting) {
        courses.setDailySync(tenant, courseId, setting.enabled(), access.actor());
        return course(tenant, courseId);
    }

    @DELETE
    @Path("/{courseId}/daily-sync")
    @Operation(summary = "Lets the course follow the district's daily-sync default again")
    @PermissionsAllowed(Access.REACH_COURSE)
    public CourseStatusView resetDailySync(@PathParam("tenant") String tenant,
            @PathParam("courseId") String courseId) {
        courses.resetDailySync(tenant, courseId, access.actor());
        return course(tenant, courseId);
    }
}
