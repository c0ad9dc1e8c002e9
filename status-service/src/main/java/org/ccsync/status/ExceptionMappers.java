package org.ccsync.status;

import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a JSON {@link ApiError} with a stable code, and never into a stack trace. */
public class ExceptionMappers {

    @ServerExceptionMapper
    public RestResponse<ApiError> courseNotFound(CourseNotFoundException e) {
        return RestResponse.status(Response.Status.NOT_FOUND, new ApiError("unknown_course", e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is not valid.");
        return RestResponse.status(Response.Status.BAD_REQUEST, new ApiError("invalid_request", message));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "request_failed";
        };
        String message = status == 400 ? "The request body is not valid JSON for this endpoint."
                : Response.Status.fromStatusCode(status) == null ? "The request failed."
                : Response.Status.fromStatusCode(status).getReasonPhrase() + ".";
        return RestResponse.status(Response.Status.fromStatusCode(status), new ApiError(code, message));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(RuntimeException e) {
        Log.errorf(e, "request failed");
        return RestResponse.status(Response.Status.INTERNAL_SERVER_ERROR,
                new ApiError("internal_error", "The request could not be completed."));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
