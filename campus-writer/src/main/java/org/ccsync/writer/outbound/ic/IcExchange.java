package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.ccsync.writer.platform.WriterMetrics;

/** One HTTP request to IC and its answer: counted in {@code ccsync.ic.requests} (timeouts apart) and logged. */
@ApplicationScoped
public class IcExchange {

    private final ObjectMapper json;
    private final WriterMetrics metrics;

    public IcExchange(ObjectMapper json, WriterMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** Sends a request and reads its answer; a request that got no answer is counted and thrown on. */
    IcReply exchange(String tenant, String operation, Supplier<Response> send) {
        try (Response response = send.get()) {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            metrics.icRequest(tenant, operation, Integer.toString(response.getStatus()));
            Log.debugf("Infinite Campus answered %s of district %s with HTTP %d", operation, tenant,
                    response.getStatus());
            return new IcReply(response.getStatus(), body, response.getHeaderString("Retry-After"),
                    response.getHeaderString("Link"), response.getHeaderString("X-Total-Count"));
        } catch (ProcessingException e) {
            metrics.icRequest(tenant, operation, timedOut(e) ? "timeout" : "io_error");
            throw e;
        }
    }

    /** An answer's JSON body (an empty object when it has none). */
    JsonNode read(String body) {
        try {
            return body == null ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw WriteFailure.rejected("ic_unreadable_response", 200,
                    "Infinite Campus answered with a body that is not JSON.");
        }
    }

    /** An answer's JSON body as a typed record (every field missing when it has none). */
    <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body == null ? "{}" : body, type);
        } catch (IOException e) {
            throw WriteFailure.rejected("ic_unreadable_response", 200,
                    "Infinite Campus answered with a body that is not JSON.");
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
