package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.persistence.AuditLog;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** District admins: who changed what (sync now, daily schedules, category mappings), when and how they signed in. */
@Path("/api/districts/{tenant}/audit")
@Tag(name = "Audit")
public class AuditResource {

    private final Access access;
    private final AuditLog audit;

    public AuditResource(Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The district's audited actions, newest first; optionally those of one course")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public List<AuditLog.Entry> list(@PathParam("tenant") String tenant,
            @QueryParam("courseId") @Size(max = 64) String courseId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.recent(tenant, courseId, limit);
    }
}
