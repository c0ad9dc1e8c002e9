package org.ccsync.sandbox.campus;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.ccsync.sandbox.campus.OneRosterContract.Operation;
import org.ccsync.sandbox.campus.OneRosterContract.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds every OneRoster request to the official OpenAPI binding. {@link #identify} names the operation first, so that
 * every answer of it, errors included, is checked against the binding on its way out ({@link HttpReplies}); {@link
 * #check} then answers what the binding refuses as a OneRoster provider does: a body that is not a JSON object is 400,
 * a bad query parameter 400 {@code invalid_selection_field}, a body the schema refuses 422 {@code invaliddata}, a token
 * without the operation's scope 403 {@code forbidden}. IC's stricter rules run after this, in the routes.
 */
final class ContractGuard {

    static final String OPERATION = "oneroster.operation";
    static final String GRANT = "oneroster.grant";
    private static final int MAX_VIOLATIONS = 5;

    private final OneRosterContract contract = OneRosterContract.get();
    private final Service service;
    private final String basePath;

    ContractGuard(Service service, String basePath) {
        this.service = service;
        this.basePath = basePath;
    }

    /** Names the operation a request is for (when the binding has one) for the checks that follow. */
    Handler<RoutingContext> identify() {
        return ctx -> {
            String path = ctx.request().path().substring(basePath.length());
            contract.operation(service, ctx.request().method().name(), path).ifPresent(op -> ctx.put(OPERATION, op));
            ctx.next();
        };
    }

    /** Answers a request that the binding refuses; passes the rest on. */
    Handler<RoutingContext> check() {
        return ctx -> {
            Operation operation = ctx.get(OPERATION);
            if (operation == null) {
                ctx.next();
                return;
            }
            TokenIssuer.Grant grant = ctx.get(GRANT);
            if (grant != null && !operation.scopes().isEmpty()
                    && operation.scopes().stream().noneMatch(grant.scopes()::contains)) {
                HttpReplies.imsx(ctx, 403, "forbidden", "the access token lacks the scope of "
                        + operation.operationId() + ": " + String.join(" or ", operation.scopes()));
                return;
            }
            String body = ctx.body() == null || !ctx.body().available() ? null : ctx.body().asString();
            if (body != null && !body.isBlank()) {
                try {
                    if (!CampusJson.parseBody(body).isObject()) {
                        throw ImsxException.badRequest("request body must be a JSON object");
                    }
                } catch (ImsxException e) {
                    HttpReplies.imsx(ctx, e);
                    return;
                }
            }
            Map<String, List<String>> query = new HashMap<>();
            ctx.queryParams().names().forEach(name -> query.put(name, ctx.queryParams().getAll(name)));
            List<String> violations = contract.validateRequest(operation, query, body);
            if (!violations.isEmpty()) {
                boolean parameter = violations.stream().allMatch(v -> v.startsWith("query parameter"));
                HttpReplies.imsx(ctx, parameter ? 400 : 422,
                        parameter ? "invalid_selection_field" : ImsxException.INVALID_DATA,
                        "the request breaks the OneRoster 1.2 binding of " + operation.operationId() + ": "
                                + summary(violations));
                return;
            }
            ctx.next();
        };
    }

    static String summary(List<String> violations) {
        List<String> shown = new ArrayList<>(violations.subList(0, Math.min(MAX_VIOLATIONS, violations.size())));
        if (violations.size() > MAX_VIOLATIONS) {
            shown.add("and " + (violations.size() - MAX_VIOLATIONS) + " more");
        }
        return String.join("; ", shown);
    }
}
