package org.ccsync.writer.inbound;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.ccsync.writer.domain.DriftVerifications;
import org.ccsync.writer.domain.HoldDecisions;
import org.ccsync.writer.persistence.DriftRepository;
import org.ccsync.writer.persistence.HoldViews;
import org.ccsync.writer.platform.WriterConfig;

/**
 * Drift and holds of a district, for status-service and operators (internal, like {@code /districts}): a course's
 * latest verification with every difference, a verification on demand, and the held writes an admin releases or
 * discards ({@code by} names the admin; kept on the hold with the time).
 */
@Path("/districts/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    /** Who decided on a hold. */
    public record Decision(String by) {
    }

    private final DriftVerifications verifications;
    private final DriftRepository drift;
    private final HoldViews views;
    private final HoldDecisions decisions;
    private final WriterConfig config;

    public DriftResource(DriftVerifications verifications, DriftRepository drift, HoldViews views,
            HoldDecisions decisions, WriterConfig config) {
        this.verifications = verifications;
        this.drift = drift;
        this.views = views;
        this.decisions = decisions;
        this.config = config;
    }

    @GET
    @Path("/courses/{course}/verification")
    public Response latest(@PathParam("tenant") String tenant, @PathParam("course") String course) {
        return drift.latest(tenant, course).map(v -> Response.ok(v).build())
                .orElseGet(() -> error(404, "not_verified", "Course " + course + " has not been verified yet."));
    }

    @POST
    @Path("/courses/{course}/verify")
    public Response verify(@PathParam("tenant") String tenant, @PathParam("course") String course) {
        if (!config.districts().containsKey(tenant)) {
            return unknown(tenant);
        }
        return Response.ok(verifications.verifyNow(tenant, course, "ON_DEMAND", null)).build();
    }

    @GET
    @Path("/holds")
    public Response holds(@PathParam("tenant") String tenant, @QueryParam("course") String course,
            @QueryParam("open") boolean open) {
        return Response.ok(views.holds(tenant, course, open)).build();
    }

    @POST
    @Path("/holds/{id}/release")
    public Response release(@PathParam("tenant") String tenant, @PathParam("id") long id, Decision decision) {
        return decide(tenant, id, decision, true);
    }

    @POST
    @Path("/holds/{id}/discard")
    public Response discard(@PathParam("tenant") String tenant, @PathParam("id") long id, Decision decision) {
        return decide(tenant, id, decision, false);
    }

    private Response decide(String tenant, long id, Decision decision, boolean release) {
        if (decision == null || decision.by() == null || decision.by().isBlank()) {
            return error(400, "decider_required", "Say who decides: {\"by\": \"admin@district\"}.");
        }
        if (views.hold(tenant, id).isEmpty()) {
            return error(404, "no_such_hold", "District " + tenant + " has no hold " + id + ".");
        }
        boolean done = release ? decisions.release(tenant, id, decision.by())
                : decisions.discard(tenant, id, decision.by());
        if (!done) {
            return error(409, "hold_decided", "Hold " + id + " was already released or discarded.");
        }
        return Response.ok(views.hold(tenant, id).orElseThrow()).build();
    }

    private static Response unknown(String tenant) {
        return error(404, "district_not_configured", "District " + tenant
                + " has no Infinite Campus connection configured.");
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).entity(Map.of("code", code, "message", message)).build();
    }
}
