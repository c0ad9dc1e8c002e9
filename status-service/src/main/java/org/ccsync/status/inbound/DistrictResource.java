package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ccsync.status.access.Access;
import org.ccsync.status.domain.DashboardView;
import org.ccsync.status.domain.SyncRunView;
import org.ccsync.status.persistence.StatusQueries;
import org.ccsync.status.persistence.SyncRun;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A district as a whole: the dashboard and the sync history across its courses. */
@Path("/api/districts/{tenant}")
@Tag(name = "Districts")
public class DistrictResource {

    private final Access access;
    private final StatusQueries queries;

    public DistrictResource(Access access, StatusQueries queries) {
        this.access = access;
        this.queries = queries;
    }

    @GET
    @Path("/dashboard")
    @Operation(summary = "District admins: IC health and alerts, totals, and courses with failures first")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public DashboardView dashboard(@PathParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(5000) int limit) {
        return queries.dashboard(tenant, limit);
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Recent sync runs across the courses the caller may see, newest first")
    @PermissionsAllowed(Access.SEE_DISTRICT)
    public List<SyncRunView> runs(@PathParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Optional<Collection<String>> visible = access.visibleCourses(tenant);
        List<SyncRun> runs = visible.isPresent() ? SyncRun.recentForCourses(tenant, visible.get(), limit)
                : SyncRun.recentForDistrict(tenant, limit);
        return runs.stream().map(SyncRunView::of).toList();
    }
}
