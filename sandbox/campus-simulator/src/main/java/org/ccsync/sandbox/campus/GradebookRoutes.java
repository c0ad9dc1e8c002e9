package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The OneRoster 1.2 gradebook endpoints: lineItems, results (one by PUT, or many of one lineItem by the batch POST)
 * and categories. A PUT answers 201 whether it created or replaced, as the binding declares.
 */
final class GradebookRoutes {

    private final CampusStore store;
    private final Pagination pagination;
    private final LineItemValidator lineItemValidator;
    private final ResultValidator resultValidator;

    GradebookRoutes(CampusStore store, Pagination pagination, CampusSettings settings) {
        this.store = store;
        this.pagination = pagination;
        this.lineItemValidator = new LineItemValidator(store, settings);
        this.resultValidator = new ResultValidator(store);
    }

    void mount(Router router) {
        String base = CampusPaths.GRADEBOOK;
        router.put(base + "/lineItems/:id").handler(ctx -> HttpReplies.guarded(ctx, () -> putLineItem(ctx)));
        router.get(base + "/lineItems/:id").handler(ctx -> HttpReplies.guarded(ctx, () -> getLineItem(ctx)));
        router.delete(base + "/lineItems/:id").handler(ctx -> HttpReplies.guarded(ctx, () -> deleteLineItem(ctx)));
        router.get(base + "/lineItems").handler(ctx -> HttpReplies.guarded(ctx,
                () -> collection(ctx, "lineItems", List.copyOf(store.allLineItems().values()))));
        router.get(base + "/classes/:classId/lineItems").handler(ctx -> HttpReplies.guarded(ctx, () -> lineItemsOfClass(ctx)));
        router.put(base + "/results/:id").handler(ctx -> HttpReplies.guarded(ctx, () -> putResult(ctx)));
        router.post(base + "/lineItems/:id/results").handler(ctx -> HttpReplies.guarded(ctx, () -> postResults(ctx)));
        router.get(base + "/results/:id").handler(ctx -> HttpReplies.guarded(ctx, () -> getResult(ctx)));
        router.delete(base + "/results/:id").handler(ctx -> HttpReplies.guarded(ctx, () -> deleteResult(ctx)));
        router.get(base + "/results").handler(ctx -> HttpReplies.guarded(ctx,
                () -> collection(ctx, "results", List.copyOf(store.allResults().values()))));
        router.get(base + "/classes/:classId/lineItems/:lineItemId/results")
                .handler(ctx -> HttpReplies.guarded(ctx, () -> resultsOfLineItem(ctx)));
        router.get(base + "/classes/:classId/categories").handler(ctx -> HttpReplies.guarded(ctx, () -> categories(ctx)));
    }

    private void putLineItem(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ObjectNode item = lineItemValidator.validate(id, CampusJson.parseBody(ctx.body().asString()));
        store.putLineItem(id, item);
        HttpReplies.json(ctx, 201, wrap("lineItem", item));
    }

    private void getLineItem(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ObjectNode item = store.lineItem(id).orElseThrow(() -> ImsxException.unknownObject("lineItem " + id + " does not exist"));
        HttpReplies.json(ctx, 200, wrap("lineItem", item));
    }

    private void deleteLineItem(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!store.deleteLineItem(id)) {
            throw ImsxException.unknownObject("lineItem " + id + " does not exist");
        }
        HttpReplies.noContent(ctx);
    }

    private void lineItemsOfClass(RoutingContext ctx) {
        String classId = requireClass(ctx.pathParam("classId"));
        collection(ctx, "lineItems", store.lineItemsOfClass(classId));
    }

    private void putResult(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ObjectNode result = resultValidator.validate(id, CampusJson.parseBody(ctx.body().asString()));
        store.putResult(id, result);
        HttpReplies.json(ctx, 201, wrap("result", result));
    }

    /**
     * {@code POST /lineItems/{id}/results}: all of the results or none. This IC keeps each supplied sourcedId (a result
     * with a known one is replaced), so every pair reports the same id allocated as supplied.
     */
    private void postResults(RoutingContext ctx) {
        String lineItemId = ctx.pathParam("id");
        store.lineItem(lineItemId).orElseThrow(() -> ImsxException.unknownObject("lineItem " + lineItemId + " does not exist"));
        JsonNode body = CampusJson.parseBody(ctx.body().asString());
        List<ObjectNode> results = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            results.add(resultValidator.validateResult((ObjectNode) result, lineItemId));
        }
        ObjectNode answer = CampusJson.object();
        ArrayNode pairs = answer.putArray("sourcedIdPairs");
        for (ObjectNode result : results) {
            String id = result.path("sourcedId").asText();
            store.putResult(id, result);
            pairs.addObject().put("suppliedSourcedId", id).put("allocatedSourcedId", id);
        }
        HttpReplies.json(ctx, 201, answer);
    }

    private void getResult(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ObjectNode result = store.result(id).orElseThrow(() -> ImsxException.unknownObject("result " + id + " does not exist"));
        HttpReplies.json(ctx, 200, wrap("result", result));
    }

    private void deleteResult(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!store.deleteResult(id)) {
            throw ImsxException.unknownObject("result " + id + " does not exist");
        }
        HttpReplies.noContent(ctx);
    }

    private void resultsOfLineItem(RoutingContext ctx) {
        String classId = requireClass(ctx.pathParam("classId"));
        String lineItemId = ctx.pathParam("lineItemId");
        ObjectNode item = store.lineItem(lineItemId)
                .filter(li -> classId.equals(li.path("class").path("sourcedId").asText(null)))
                .orElseThrow(() -> ImsxException.unknownObject("lineItem " + lineItemId + " does not exist in class " + classId));
        collection(ctx, "results", store.resultsOfLineItem(item.get("sourcedId").asText()));
    }

    private void categories(RoutingContext ctx) {
        String classId = requireClass(ctx.pathParam("classId"));
        List<ObjectNode> categories = store.categoriesOf(classId).stream()
                .map(RosterJson::category)
                .toList();
        collection(ctx, "categories", categories);
    }

    private String requireClass(String classId) {
        store.rosterClass(classId).orElseThrow(() -> ImsxException.unknownObject("class " + classId + " does not exist"));
        return classId;
    }

    private <T extends JsonNode> void collection(RoutingContext ctx, String name, List<T> all) {
        List<T> page = pagination.page(ctx, all);
        ObjectNode body = CampusJson.object();
        ArrayNode array = body.putArray(name);
        page.forEach(array::add);
        HttpReplies.json(ctx, 200, body);
    }

    private static ObjectNode wrap(String name, ObjectNode inner) {
        ObjectNode body = CampusJson.object();
        body.set(name, inner);
        return body;
    }
}
