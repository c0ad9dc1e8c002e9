package org.ccsync.ingest.inbound;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import org.ccsync.support.ApiError;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the service's exceptions to JSON {@link ApiError} answers, never leaking class names or stack traces. */
public class IngestExceptionMapper {

    @ServerExceptionMapper
    public RestResponse<ApiError> rejected(WebhookRejectedException e) {
        return json(e.status(), new ApiError(e.code(), e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> notFound(NotFoundException e) {
        return json(404, new ApiError("not_found", "No such resource."));
    }

    private static RestResponse<ApiError> json(int status, ApiError error) {
        // By number: not every status the service answers (422) is in JAX-RS's Status enum.
        return RestResponse.ResponseBuilder.<ApiError>create(status)
                .entity(error)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
