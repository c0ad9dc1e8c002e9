package org.ccsync.writer.outbound.ic;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The Infinite Campus endpoints the writer calls: OAuth2 token, OneRoster 1.2 gradebook and rostering. */
@Path("/campus")
public interface OneRosterApi {

    String GRADEBOOK = "/api/ims/oneroster/gradebook/v1p2";
    String ROSTERING = "/api/ims/oneroster/rostering/v1p2";
    String VENDOR_HEADER = "x-vendor-authorization";

    @POST
    @Path("/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@QueryParam("appName") String appName, @HeaderParam(HttpHeaders.AUTHORIZATION) String basic,
            @FormParam("grant_type") String grantType, @FormParam("scope") String scope);

    @PUT
    @Path(GRADEBOOK + "/lineItems/{sourcedId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response putLineItem(@PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor,
            String body);

    @DELETE
    @Path(GRADEBOOK + "/lineItems/{sourcedId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response deleteLineItem(@PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor);

    @PUT
    @Path(GRADEBOOK + "/results/{sourcedId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response putResult(@PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor,
            String body);

    @POST
    @Path(GRADEBOOK + "/lineItems/{lineItemSourcedId}/results")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response postResults(@PathParam("lineItemSourcedId") String lineItemSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor,
            String body);

    @DELETE
    @Path(GRADEBOOK + "/results/{sourcedId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response deleteResult(@PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor);

    @GET
    @Path(GRADEBOOK + "/classes/{classSourcedId}/lineItems")
    @Produces(MediaType.APPLICATION_JSON)
    Response lineItemsOfClass(@PathParam("classSourcedId") String classSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path(GRADEBOOK + "/classes/{classSourcedId}/lineItems/{lineItemSourcedId}/results")
    @Produces(MediaType.APPLICATION_JSON)
    Response resultsOfLineItem(@PathParam("classSourcedId") String classSourcedId,
            @PathParam("lineItemSourcedId") String lineItemSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path(GRADEBOOK + "/classes/{classSourcedId}/categories")
    @Produces(MediaType.APPLICATION_JSON)
    Response categories(@PathParam("classSourcedId") String classSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(VENDOR_HEADER) String vendor,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path(ROSTERING + "/classes/{classSourcedId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response rosterClass(@PathParam("classSourcedId") String classSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path(ROSTERING + "/terms/{termSourcedId}/gradingPeriods")
    @Produces(MediaType.APPLICATION_JSON)
    Response gradingPeriods(@PathParam("termSourcedId") String termSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path(ROSTERING + "/classes")
    @Produces(MediaType.APPLICATION_JSON)
    Response classes(@QueryParam("filter") String filter, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path(ROSTERING + "/classes/{classSourcedId}/students")
    @Produces(MediaType.APPLICATION_JSON)
    Response students(@PathParam("classSourcedId") String classSourcedId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);
}
