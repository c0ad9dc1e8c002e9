package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The read-only OneRoster 1.2 rostering endpoints the sync needs: a class, its students, a term's grading periods. */
final class RosteringRoutes {

    private final CampusStore store;
    private final Pagination pagination;
    private final RosterJson json;

    RosteringRoutes(CampusStore store, Pagination pagination, RosterJson json) {
        this.store = store;
        this.pagination = pagination;
        this.json = json;
    }

    void mount(Router router) {
        String base = CampusPaths.ROSTERING;
        router.get(base + "/classes/:classId").handler(ctx -> HttpReplies.guarded(ctx, () -> rosterClass(ctx)));
        router.get(base + "/classes/:classId/students").handler(ctx -> HttpReplies.guarded(ctx, () -> students(ctx)));
        router.get(base + "/terms/:termId/gradingPeriods").handler(ctx -> HttpReplies.guarded(ctx, () -> gradingPeriods(ctx)));
    }

    private void rosterClass(RoutingContext ctx) {
        String classId = ctx.pathParam("classId");
        RosterClass rosterClass = requireClass(classId);
        ObjectNode body = CampusJson.object();
        body.set("class", json.rosterClass(rosterClass));
        HttpReplies.json(ctx, 200, body);
    }

    private void students(RoutingContext ctx) {
        String classId = requireClass(ctx.pathParam("classId")).sourcedId();
        collection(ctx, "users", store.studentsOf(classId).stream().map(json::student).toList());
    }

    private void gradingPeriods(RoutingContext ctx) {
        String termId = ctx.pathParam("termId");
        if (!store.hasTerm(termId)) {
            throw ImsxException.unknownObject("term " + termId + " does not exist");
        }
        collection(ctx, "academicSessions", store.gradingPeriodsOfTerm(termId).stream().map(json::gradingPeriod).toList());
    }

    private RosterClass requireClass(String classId) {
        return store.rosterClass(classId).orElseThrow(() -> ImsxException.unknownObject("class " + classId + " does not exist"));
    }

    private void collection(RoutingContext ctx, String name, List<ObjectNode> all) {
        List<ObjectNode> page = pagination.page(ctx, all);
        ObjectNode body = CampusJson.object();
        ArrayNode array = body.putArray(name);
        page.forEach(array::add);
        HttpReplies.json(ctx, 200, body);
    }
}
