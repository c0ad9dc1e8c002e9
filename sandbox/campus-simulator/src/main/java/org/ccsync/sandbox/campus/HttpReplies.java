package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Writes JSON, empty and imsx error answers, ignoring connections that are already gone. An answer to a OneRoster
 * operation is checked against the official binding first: one that breaks it is a simulator bug, answered 500 with the
 * violations instead.
 */
final class HttpReplies {

    private HttpReplies() {
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        if (gone(ctx)) {
            return;
        }
        String text = CampusJson.write(body);
        if (!breaksContract(ctx, status, text)) {
            send(ctx, status, text);
        }
    }

    private static void send(RoutingContext ctx, int status, String text) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(text);
    }

    static void noContent(RoutingContext ctx) {
        if (gone(ctx) || breaksContract(ctx, 204, null)) {
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    /** Answers 500 instead when this answer breaks the binding of the request's operation. */
    private static boolean breaksContract(RoutingContext ctx, int status, String body) {
        OneRosterContract.Operation operation = ctx.get(ContractGuard.OPERATION);
        if (operation == null) {
            return false;
        }
        List<String> violations = OneRosterContract.get().validateResponse(operation, status, body);
        if (violations.isEmpty()) {
            return false;
        }
        send(ctx, 500, CampusJson.write(imsxBody(ImsxException.INTERNAL_ERROR, "the simulator's HTTP " + status
                + " answer breaks the OneRoster 1.2 binding of " + operation.operationId() + ": "
                + ContractGuard.summary(violations))));
        return true;
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
