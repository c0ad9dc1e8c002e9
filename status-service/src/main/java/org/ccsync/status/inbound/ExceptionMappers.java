package org.ccsync.status.inbound;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.ccsync.status.access.AccessDeniedException;
import org.ccsync.status.access.LtiLaunchException;
import org.ccsync.status.domain.CourseNotFoundException;
import org.ccsync.status.domain.UnknownResourceException;
import org.ccsync.support.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a JSON {@link ApiError} with a stable code (or, on the web page, a plain HTML page or a
 * redirect to sign in), and never into a stack trace. Security answers say nothing about what exists.
 */
public class ExceptionMappers {

    private static final String SIGN_IN_AGAIN = "Sign in with a valid bearer token from your district's identity "
            + "provider.";
    private static final String NOT_ALLOWED = "You are not allowed to see or change this.";

    @ServerExceptionMapper
    public Response courseNotFound(CourseNotFoundException e, UriInfo uri) {
        return error(uri, Response.Status.NOT_FOUND, "unknown_course", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknown(UnknownResourceException e, UriInfo uri) {
        return error(uri, Response.Status.NOT_FOUND, e.code(), e.getMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
        AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        if (isPage(uri)) {
            return Response.seeOther(URI.create(UiResource.SIGN_IN)).build();
        }
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("unauthorized", SIGN_IN_AGAIN))
                .build();
    }

    /** A launch from Canvas that is refused: a page that says why, whatever the path; the token is never shown. */
    @ServerExceptionMapper
    public Response launchRefused(LtiLaunchException e) {
        Log.warnf("LTI launch refused: %s", e.code());
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(UiResource.Templates.launchError(e.status(), e.code(), e.getMessage()).render())
                .build();
    }

    /** The identity provider's sign-in or sign-out continues at its own pages. */
    @ServerExceptionMapper
    public Response redirect(AuthenticationRedirectException e) {
        return Response.status(e.getCode()).location(URI.create(e.getRedirectUri()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @ServerExceptionMapper({ForbiddenException.class, AccessDeniedException.class})
    public Response forbidden(RuntimeException e, UriInfo uri) {
        return error(uri, Response.Status.FORBIDDEN, "forbidden", NOT_ALLOWED);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is not valid.");
        return error(uri, Response.Status.BAD_REQUEST, "invalid_request", message);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthorized(e, uri);
        }
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "request_failed";
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        String message = status == 400 ? "The request body is not valid JSON for this endpoint."
                : status == 403 ? NOT_ALLOWED
                : known == null ? "The request failed." : known.getReasonPhrase() + ".";
        return error(uri, known == null ? Response.Status.INTERNAL_SERVER_ERROR : known, code, message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "request failed");
        return error(uri, Response.Status.INTERNAL_SERVER_ERROR, "internal_error",
                "The request could not be completed.");
    }

    private static Response error(UriInfo uri, Response.Status status, String code, String message) {
        if (isPage(uri)) {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(UiResource.Templates.error(status.getStatusCode(), code, message).render())
                    .build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(code, message)).build();
    }

    private static boolean isPage(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/ui") || path.startsWith("/ui/") || path.startsWith("/lti/");
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
