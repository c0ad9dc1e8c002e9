package org.ccsync.status.inbound;

import io.quarkus.security.PermissionsAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.domain.CategoryMappingService;
import org.ccsync.status.domain.CategoryMappingView;
import org.ccsync.status.domain.CourseService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Category mapping overrides, district-wide (district admins) and per course (its teachers too): a Canvas
 * assignment group name filed under an IC category title. Changes reach campus-writer on category-mappings.
 */
@Path("/api/districts/{tenant}")
@Tag(name = "Category mappings")
public class CategoryMappingResource {

    private final Access access;
    private final CategoryMappingService mappings;

    public CategoryMappingResource(Access access, CategoryMappingService mappings) {
        this.access = access;
        this.mappings = mappings;
    }

    /** The IC category a Canvas assignment group is filed under. */
    public record MappingTarget(@NotNull @NotBlank @Size(max = 256) String icCategoryTitle) {
    }

    @GET
    @Path("/category-mappings")
    @Operation(summary = "The district-wide overrides")
    @PermissionsAllowed(Access.SEE_DISTRICT)
    public List<CategoryMappingView> district(@PathParam("tenant") String tenant) {
        return mappings.list(tenant, null);
    }

    @PUT
    @Path("/category-mappings/{canvasGroupName}")
    @Operation(summary = "Files a Canvas assignment group under an IC category for the whole district")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public CategoryMappingView putDistrict(@PathParam("tenant") String tenant,
            @PathParam("canvasGroupName") @Size(max = 256) String group, @Valid @NotNull MappingTarget target) {
        return mappings.put(tenant, null, group, target.icCategoryTitle(), access.actor());
    }

    @DELETE
    @Path("/category-mappings/{canvasGroupName}")
    @Operation(summary = "Removes a district-wide override")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public void deleteDistrict(@PathParam("tenant") String tenant,
            @PathParam("canvasGroupName") String group) {
        mappings.delete(tenant, null, group, access.actor());
    }

    @GET
    @Path("/courses/{courseId}/category-mappings")
    @Operation(summary = "The course's own overrides (they win over the district's)")
    @PermissionsAllowed(Access.REACH_COURSE)
    public List<CategoryMappingView> course(@PathParam("tenant") String tenant,
            @PathParam("courseId") String courseId) {
        CourseService.existing(tenant, courseId);
        return mappings.list(tenant, courseId);
    }

    @PUT
    @Path("/courses/{courseId}/category-mappings/{canvasGroupName}")
    @Operation(summary = "Files a Canvas assignment group under an IC category for one course")
    @PermissionsAllowed(Access.REACH_COURSE)
    public CategoryMappingView putCourse(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("canvasGroupName") @Size(max = 256) String group, @Valid @NotNull MappingTarget target) {
        CourseService.existing(tenant, courseId);
        return mappings.put(tenant, courseId, group, target.icCategoryTitle(), access.actor());
    }

    @DELETE
    @Path("/courses/{courseId}/category-mappings/{canvasGroupName}")
    @Operation(summary = "Removes a course override")
    @PermissionsAllowed(Access.REACH_COURSE)
    public void deleteCourse(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("canvasGroupName") String group) {
        CourseService.existing(tenant, courseId);
        mappings.delete(tenant, courseId, group, access.actor());
    }
}
