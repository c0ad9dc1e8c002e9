package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.domain.AssignmentView;
import org.ccsync.status.domain.CourseService;
import org.ccsync.status.domain.UnknownResourceException;
import org.ccsync.status.persistence.RosterQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The assignments of a course, each with its status, reason, IC category, grading period and results. */
@Path("/api/districts/{tenant}/courses/{courseId}/assignments")
@Tag(name = "Assignments")
public class AssignmentResource {

    private final Access access;
    private final RosterQueries queries;

    public AssignmentResource(Access access, RosterQueries queries) {
        this.access = access;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Every assignment of the course with status, reason, category, grading period, last written")
    @PermissionsAllowed(Access.REACH_COURSE)
    public List<AssignmentView> list(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        CourseService.existing(tenant, courseId);
        return queries.assignments(tenant, courseId);
    }

    @GET
    @Path("/{assignmentId}")
    @Operation(summary = "One assignment with the result of every student")
    @PermissionsAllowed(Access.REACH_COURSE)
    public AssignmentView.Detail get(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("assignmentId") String assignmentId) {
        CourseService.existing(tenant, courseId);
        AssignmentView assignment = queries.assignment(tenant, courseId, assignmentId)
                .orElseThrow(() -> new UnknownResourceException("unknown_assignment",
                        "No assignment " + assignmentId + " is known in course " + courseId + "."));
        return new AssignmentView.Detail(assignment, queries.assignmentResults(tenant, courseId, assignmentId));
    }
}
