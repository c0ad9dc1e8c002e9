package org.ccsync.status;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncTrigger;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Per-course sync status, "sync now" and the daily-schedule setting, for district admins. */
@Path("/api/districts/{tenant}/courses")
public class CourseResource {

    private static final int MAX_ITEMS = 5000;

    private final StatusQueries queries;
    private final SyncRequestPublisher publisher;

    public CourseResource(StatusQueries queries, SyncRequestPublisher publisher) {
        this.queries = queries;
        this.publisher = publisher;
    }

    /** The body of a daily-schedule change. */
    public record DailySyncSetting(@NotNull Boolean enabled) {
    }

    /** The answer to an accepted "sync now": the run to follow. */
    public record SyncAccepted(String runId, String stage, String href) {
    }

    /** A course in the district's course list. */
    public record CourseSummary(String courseId, Instant lastSuccessfulSyncAt, boolean dailySyncEnabled) {
    }

    @GET
    public List<CourseSummary> list(@PathParam("tenant") String tenant) {
        return CourseStatus.listForDistrict(tenant).stream()
                .map(c -> new CourseSummary(c.courseId, c.lastSuccessAt, c.dailySyncEnabled))
                .toList();
    }

    @GET
    @Path("/{courseId}")
    public CourseStatusView course(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        CourseStatus course = existing(tenant, courseId);
        List<SyncRunView> runs = SyncRun.recentForCourse(tenant, courseId, 10).stream().map(SyncRunView::of).toList();
        return new CourseStatusView(tenant, courseId, course.lastSuccessAt, course.lastOutcomeAt,
                course.dailySyncEnabled, queries.counts(tenant, courseId), runs);
    }

    @GET
    @Path("/{courseId}/items")
    public List<ItemView> items(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @QueryParam("status") @Pattern(regexp = "WRITTEN|SKIPPED|FAILED") String status,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(MAX_ITEMS) int limit) {
        existing(tenant, courseId);
        return queries.items(tenant, courseId, status, limit);
    }

    @GET
    @Path("/{courseId}/runs")
    public List<SyncRunView> runs(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        existing(tenant, courseId);
        return SyncRun.recentForCourse(tenant, courseId, 50).stream().map(SyncRunView::of).toList();
    }

    /** Asks canvas-ingest for a full reconciliation of the course; 202 once the request is durable in Kafka. */
    @POST
    @Path("/{courseId}/sync")
    @ResponseStatus(202)
    @Transactional
    public SyncAccepted syncNow(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        existing(tenant, courseId);
        Instant now = Instant.now();
        String runId = UUID.randomUUID().toString();
        SyncRun run = new SyncRun();
        run.runId = runId;
        run.tenant = tenant;
        run.courseId = courseId;
        run.trigger = SyncTrigger.MANUAL.name();
        run.requestedBy = "admin";
        run.requestedAt = now;
        run.stage = "REQUESTED";
        run.updatedAt = now;
        run.persist();
        publisher.publish(new SyncRequested(EventIds.of("sync-requested", runId), now, tenant, courseId,
                now.toEpochMilli(), runId, SyncTrigger.MANUAL, run.requestedBy));
        return new SyncAccepted(runId, run.stage,
                "/api/districts/" + tenant + "/courses/" + courseId + "/runs");
    }

    /** Turns the course's scheduled daily sync on or off. */
    @PUT
    @Path("/{courseId}/daily-sync")
    @Transactional
    public CourseStatusView dailySync(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @Valid @NotNull DailySyncSetting setting) {
        CourseStatus course = existing(tenant, courseId);
        Instant now = Instant.now();
        long version = Math.max(now.toEpochMilli(), course.dailySyncVersion + 1);
        course.dailySyncEnabled = setting.enabled();
        course.dailySyncVersion = version;
        publisher.publish(new DailySyncScheduleChanged(EventIds.of("daily-sync", tenant, courseId, version), now,
                tenant, courseId, version, setting.enabled(), "admin"));
        return course(tenant, courseId);
    }

    private static CourseStatus existing(String tenant, String courseId) {
        return CourseStatus.find(tenant, courseId).orElseThrow(() -> new CourseNotFoundException(tenant, courseId));
    }
}
