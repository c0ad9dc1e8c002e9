package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.domain.DriftService;
import org.ccsync.status.domain.UnknownResourceException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Drift between IC and Canvas: a course's latest verification with every difference and its held changes; verify a
 * course now; a district admin releases or discards a held change (audited).
 */
@Path("/api/districts/{tenant}")
@Tag(name = "drift")
public class DriftResource {

    /** The request is durable; campus-writer acts on it. */
    public record Accepted(String message) {
    }

    private final Access access;
    private final DriftService drift;

    public DriftResource(Access access, DriftService drift) {
        this.access = access;
        this.drift = drift;
    }

    @GET
    @Path("/courses/{courseId}/drift")
    @Operation(summary = "The course's latest verification against IC (per item: IC had, Canvas has, what was done) "
            + "and its held changes")
    public DriftService.CourseDrift course(@PathParam("tenant") String tenant,
            @PathParam("courseId") String courseId) {
        // Checked by hand: @PermissionsAllowed would answer an anonymous caller 401, where these have always said 403.
        access.course(tenant, courseId);
        return drift.course(tenant, courseId);
    }

    @POST
    @Path("/courses/{courseId}/verify")
    @ResponseStatus(202)
    @Operation(summary = "Verify the course against IC now and repair what differs (per the district's policy)")
    public Accepted verify(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        // Checked by hand: @PermissionsAllowed would answer an anonymous caller 401, where these have always said 403.
        access.course(tenant, courseId);
        drift.verify(tenant, courseId, access.actor());
        return new Accepted("Verification of course " + courseId + " requested.");
    }

    @GET
    @Path("/holds")
    @Operation(summary = "The district's held changes, newest first; open=true for those waiting for a decision")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public List<DriftService.Hold> holds(@PathParam("tenant") String tenant, @QueryParam("open") boolean open) {
        return drift.holds(tenant, null, open);
    }

    @POST
    @Path("/holds/{holdId}/release")
    @ResponseStatus(202)
    @Operation(summary = "Release a held change: its writes are sent to IC")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public DriftService.Hold release(@PathParam("tenant") String tenant, @PathParam("holdId") long holdId) {
        return decide(tenant, holdId, true);
    }

    @POST
    @Path("/holds/{holdId}/discard")
    @ResponseStatus(202)
    @Operation(summary = "Discard a held change: IC stays as it is")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public DriftService.Hold discard(@PathParam("tenant") String tenant, @PathParam("holdId") long holdId) {
        return decide(tenant, holdId, false);
    }

    private DriftService.Hold decide(String tenant, long holdId, boolean release) {
        DriftService.Hold hold = drift.hold(tenant, holdId).orElseThrow(() -> new UnknownResourceException(
                "unknown_hold", "District " + tenant + " has no held change " + holdId + "."));
        if (!hold.open()) {
            throw new ClientErrorException("Held change " + holdId + " was already " + hold.status().toLowerCase()
                    + ".", 409);
        }
        drift.decide(tenant, hold, release, access.actor());
        return hold;
    }
}
