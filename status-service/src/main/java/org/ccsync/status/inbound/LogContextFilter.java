package org.ccsync.status.inbound;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.ccsync.support.LogContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Opens a {@link LogContext} with the district and course of an API or page request for as long as it runs. */
public class LogContextFilter {

    private static final String PROPERTY = LogContext.class.getName();

    /** Runs once the request matched its resource, so its {@code tenant} and {@code courseId} are known. */
    @ServerRequestFilter
    public void open(ContainerRequestContext request) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        String tenant = path.getFirst("tenant");
        if (tenant != null) {
            request.setProperty(PROPERTY, LogContext.open(tenant, path.getFirst("courseId"), null));
        }
    }

    @ServerResponseFilter
    public void close(ContainerRequestContext request) {
        if (request.getProperty(PROPERTY) instanceof LogContext context) {
            context.close();
            request.removeProperty(PROPERTY);
        }
    }
}
