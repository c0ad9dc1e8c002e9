package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The unauthenticated {@code /sim} HTTP API mirroring {@link CampusControl} for out-of-process callers. */
final class SimControlRoutes {

    private final CampusControl control;

    SimControlRoutes(CampusControl control) {
        this.control = control;
    }

    void mount(Router router) {
        String base = CampusPaths.SIM;
        router.get(base + "/gradebook").handler(this::gradebook);
        router.get(base + "/requests").handler(this::requests);
        router.get(base + "/stats").handler(this::stats);
        router.get(base + "/settings").handler(ctx -> HttpReplies.json(ctx, 200, settings()));
        router.put(base + "/settings").handler(ctx -> guarded(ctx, () -> putSettings(ctx)));
        router.post(base + "/faults").handler(ctx -> guarded(ctx, () -> postFaults(ctx)));
        router.delete(base + "/faults").handler(ctx -> {
            control.clearFaults();
            HttpReplies.noContent(ctx);
        });
        router.post(base + "/behind-writer").handler(ctx -> guarded(ctx, () -> behindWriter(ctx)));
        router.post(base + "/reset").handler(ctx -> {
            control.reset();
            HttpReplies.noContent(ctx);
        });
    }

    /**
     * {@code POST /sim/behind-writer} {@code {"action", "id", "score"|"title"|"category"}}: changes IC as a teacher or an
     * operator would, behind the writer's back ({@code changeScore}, {@code deleteResult}, {@code renameLineItem},
     * {@code deleteLineItem}, {@code changeCategory}); 204, or 404 when IC has no such item.
     */
    private void behindWriter(RoutingContext ctx) {
        JsonNode body = CampusJson.parseBody(ctx.body().asString());
        String id = body.path("id").asText();
        boolean found = switch (body.path("action").asText()) {
            case "changeScore" -> control.changeScore(id, body.path("score").asDouble());
            case "deleteResult" -> control.deleteResultBehindWriter(id);
            case "renameLineItem" -> control.renameLineItem(id, body.path("title").asText());
            case "deleteLineItem" -> control.deleteLineItemBehindWriter(id);
            case "changeCategory" -> control.changeCategory(id, body.path("category").asText());
            default -> throw new IllegalArgumentException("unknown action " + body.path("action").asText());
        };
        if (found) {
            HttpReplies.noContent(ctx);
        } else {
            HttpReplies.json(ctx, 404, CampusJson.object().put("message", "no such item " + id));
        }
    }

    private void gradebook(RoutingContext ctx) {
        ObjectNode body = CampusJson.object();
        ArrayNode lineItems = body.putArray("lineItems");
        control.lineItems().values().forEach(lineItems::add);
        ArrayNode results = body.putArray("results");
        control.results().values().forEach(results::add);
        HttpReplies.json(ctx, 200, body);
    }

    private void requests(RoutingContext ctx) {
        ArrayNode body = CampusJson.MAPPER.createArrayNode();
        for (RequestLogEntry entry : control.requests()) {
            ObjectNode node = body.addObject();
            node.put("method", entry.method());
            node.put("path", entry.path());
            node.put("status", entry.status());
            node.put("start", entry.start().toString());
            node.put("end", entry.end().toString());
            node.put("durationMillis", entry.duration().toNanos() / 1_000_000.0);
            node.put("body", entry.body());
            node.put("traceparent", entry.traceparent());
        }
        HttpReplies.json(ctx, 200, body);
    }

    private void stats(RoutingContext ctx) {
        CampusStats stats = control.stats();
        ObjectNode body = CampusJson.object();
        body.put("district", control.config().district());
        body.put("totalGradebookRequests", stats.totalGradebookRequests());
        ObjectNode byStatus = body.putObject("byStatus");
        stats.byStatus().forEach((status, count) -> byStatus.put(Integer.toString(status), count));
        body.put("peakConcurrency", stats.peakConcurrency());
        body.put("rejectedBusy", stats.rejectedBusy());
        body.put("tokensIssued", stats.tokensIssued());
        body.put("inFlight", stats.inFlight());
        HttpReplies.json(ctx, 200, body);
    }

    private ObjectNode settings() {
        ObjectNode body = CampusJson.object();
        body.put("latencyMillis", control.latencyMillis());
        body.put("maxConcurrent", control.maxConcurrent());
        body.put("retryAfterSeconds", control.retryAfterSeconds());
        body.put("gradingPeriodEndInclusive", control.gradingPeriodEndInclusive());
        body.put("requireScopes", control.requireScopes());
        return body;
    }

    private void putSettings(RoutingContext ctx) {
        JsonNode body = object(ctx);
        if (body.has("latencyMillis")) {
            control.setLatencyMillis(integral(body, "latencyMillis").longValue());
        }
        if (body.has("maxConcurrent")) {
            control.setMaxConcurrent(integral(body, "maxConcurrent").intValue());
        }
        if (body.has("retryAfterSeconds")) {
            JsonNode value = body.get("retryAfterSeconds");
            control.setRetryAfterSeconds(value.isNull() ? null : integral(body, "retryAfterSeconds").intValue());
        }
        if (body.has("gradingPeriodEndInclusive")) {
            control.setGradingPeriodEndInclusive(bool(body, "gradingPeriodEndInclusive"));
        }
        if (body.has("requireScopes")) {
            control.setRequireScopes(bool(body, "requireScopes"));
        }
        HttpReplies.json(ctx, 200, settings());
    }

    private static boolean bool(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (!value.isBoolean()) {
            throw ImsxException.badRequest(field + " must be true or false");
        }
        return value.asBoolean();
    }

    private void postFaults(RoutingContext ctx) {
        JsonNode body = object(ctx);
        if (body.has("failNext")) {
            JsonNode failNext = body.get("failNext");
            control.failNext(integral(failNext, "count").intValue(), integral(failNext, "status").intValue());
        }
        if (body.has("failureRate")) {
            JsonNode rate = body.get("failureRate");
            if (!rate.path("rate").isNumber()) {
                throw ImsxException.badRequest("failureRate.rate must be a number");
            }
            control.setFailureRate(rate.get("rate").asDouble(), integral(rate, "status").intValue());
        }
        if (body.has("timeoutNext")) {
            control.timeoutNext(integral(body, "timeoutNext").intValue());
        }
        HttpReplies.noContent(ctx);
    }

    private static JsonNode object(RoutingContext ctx) {
        JsonNode body = CampusJson.parseBody(ctx.body().asString());
        if (!body.isObject()) {
            throw ImsxException.badRequest("request body must be a JSON object");
        }
        return body;
    }

    private static JsonNode integral(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw ImsxException.badRequest(field + " must be an integer");
        }
        return value;
    }

    /** Like {@link HttpReplies#guarded} but also answers 400 for rejected setting values. */
    private static void guarded(RoutingContext ctx, Runnable action) {
        try {
            HttpReplies.guarded(ctx, action);
        } catch (IllegalArgumentException e) {
            HttpReplies.imsx(ctx, ImsxException.badRequest(e.getMessage()));
        }
    }
}
