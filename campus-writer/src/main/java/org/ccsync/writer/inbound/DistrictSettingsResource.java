package org.ccsync.writer.inbound;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ccsync.writer.platform.WriterConfig;

/**
 * How campus-writer talks to each district's Infinite Campus, without secrets: which identity strategy maps Canvas
 * onto IC, whether results go in batches, how grading period end dates are read, scopes and the Roster client. For
 * the status page and operators ({@code GET /districts}, {@code GET /districts/{tenant}}).
 */
@Path("/districts")
@Produces(MediaType.APPLICATION_JSON)
public class DistrictSettingsResource {

    /** One district's IC connection settings as shown to admins. */
    public record DistrictSettings(String tenant, String identityStrategy, String identityDescription,
            boolean batchResults, int batchMaxResults, boolean gradingPeriodEndInclusive, boolean tokenScopes,
            boolean separateRosteringClient) {
    }

    private final WriterConfig config;

    public DistrictSettingsResource(WriterConfig config) {
        this.config = config;
    }

    @GET
    public List<DistrictSettings> all() {
        return config.districts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> settings(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("/{tenant}")
    public Response one(@PathParam("tenant") String tenant) {
        return Optional.ofNullable(config.districts().get(tenant))
                .map(district -> Response.ok(settings(tenant, district)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Map.of("code",
                        "district_not_configured", "message", "District " + tenant
                                + " has no Infinite Campus connection configured.")).build());
    }

    private static DistrictSettings settings(String tenant, WriterConfig.District district) {
        WriterConfig.IdentityStrategy strategy = district.identityStrategy();
        String description = strategy == WriterConfig.IdentityStrategy.SIS_IDS
                ? "Canvas SIS ids are the IC sourcedIds: sis_section_id is the class, sis_user_id the student"
                : "IC rostering: a class by sourcedId or classCode; a student of the class by sourcedId, identifier, "
                        + "userIds or legacy OneRoster 1.1 id (metadata.ic.legacysourceId)";
        return new DistrictSettings(tenant, strategy.name().toLowerCase(Locale.ROOT).replace('_', '-'), description,
                district.batchResults(), district.batchMaxResults(), district.gradingPeriodEndInclusive(),
                district.tokenScopes(), district.rosteringClientId().isPresent());
    }
}
