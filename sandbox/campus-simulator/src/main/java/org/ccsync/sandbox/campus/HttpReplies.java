package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON, empty and imsx error answers, ignoring connections that are already gone. */
final class HttpReplies {

    private HttpReplies() {
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        if (gone(ctx)) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(CampusJson.write(body));
    }

    static void noContent(RoutingContext ctx) {
        if (gone(ctx)) {
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    static void imsx(RoutingContext ctx, ImsxException error) {
        imsx(ctx, error.status(), error.codeMinor(), error.getMessage());
    }

    static void imsx(RoutingContext ctx, int status, String codeMinor, String description) {
        json(ctx, status, imsxBody(codeMinor, description));
    }

    /** The OneRoster imsx status body. */
    static ObjectNode imsxBody(String codeMinor, String description) {
        ObjectNode body = CampusJson.object();
        body.put("imsx_codeMajor", "failure");
        body.put("imsx_severity", "error");
        body.put("imsx_description", description);
        ObjectNode field = body.putObject("imsx_CodeMinor").putArray("imsx_codeMinorField").addObject();
        field.put("imsx_codeMinorFieldName", "TargetEndSystem");
        field.put("imsx_codeMinorFieldValue", codeMinor);
        return body;
    }

    /** Runs an endpoint, turning an {@link ImsxException} into its answer. */
    static void guarded(RoutingContext ctx, Runnable endpoint) {
        try {
            endpoint.run();
        } catch (ImsxException e) {
            imsx(ctx, e);
        }
    }

    private static boolean gone(RoutingContext ctx) {
        return ctx.response().ended() || ctx.response().closed();
    }
}
