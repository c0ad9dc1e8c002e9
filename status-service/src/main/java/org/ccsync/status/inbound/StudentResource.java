package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.domain.CourseService;
import org.ccsync.status.domain.StudentView;
import org.ccsync.status.domain.UnknownResourceException;
import org.ccsync.status.persistence.RosterQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The students of a course: the last score written to IC and every error with IC's message. */
@Path("/api/districts/{tenant}/courses/{courseId}/students")
@Tag(name = "Students")
public class StudentResource {

    private final Access access;
    private final RosterQueries queries;

    public StudentResource(Access access, RosterQueries queries) {
        this.access = access;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Every student of the course with status, last score written and errors")
    @PermissionsAllowed(Access.REACH_COURSE)
    public List<StudentView> list(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        CourseService.existing(tenant, courseId);
        return queries.students(tenant, courseId);
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "One student with the result of every assignment")
    @PermissionsAllowed(Access.REACH_COURSE)
    public StudentView.Detail get(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("userId") String userId) {
        CourseService.existing(tenant, courseId);
        return queries.student(tenant, courseId, userId)
                .orElseThrow(() -> new UnknownResourceException("unknown_student",
                        "No student " + userId + " is known in course " + courseId + "."));
    }
}
