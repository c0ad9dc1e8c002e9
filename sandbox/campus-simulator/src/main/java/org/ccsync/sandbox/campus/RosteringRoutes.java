package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The read-only OneRoster 1.2 rostering endpoints the sync needs: a class, its students, a term's grading periods. */
/**
 * The read-only OneRoster 1.2 rostering endpoints the sync needs: classes (one, or found by a filter), a class's
 * students and a term's grading periods.
 */
final class RosteringRoutes {

    private static final Pattern FILTER = Pattern.compile("(\\w+)\\s*=\\s*'([^']*)'");

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
        router.get(base + "/classes").handler(ctx -> HttpReplies.guarded(ctx, () -> classes(ctx)));
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

    /** Every class, or those a filter {@code field='value'} on sourcedId, classCode or title selects. */
    private void classes(RoutingContext ctx) {
        List<RosterClass> all = store.allClasses();
        String filter = ctx.request().getParam("filter");
        if (filter != null && !filter.isBlank()) {
            Matcher match = FILTER.matcher(filter.trim());
            if (!match.matches()) {
                throw new ImsxException(400, "invalid_filter_field", "filter \"" + filter
                        + "\" is not of the form field='value' (with =)");
            }
            String field = match.group(1);
            String value = match.group(2);
            Function<RosterClass, String> getter = switch (field) {
                case "sourcedId" -> RosterClass::sourcedId;
                case "classCode" -> RosterClass::classCode;
                case "title" -> RosterClass::title;
                default -> throw new ImsxException(400, "invalid_filter_field", "classes cannot be filtered by " + field);
            };
            all = all.stream().filter(c -> value.equals(getter.apply(c))).toList();
        }
        collection(ctx, "classes", all.stream().map(json::rosterClass).toList());
    }

    private void students(RoutingContext ctx) {
        RosterClass rosterClass = requireClass(ctx.pathParam("classId"));
        collection(ctx, "users", store.studentsOf(rosterClass.sourcedId()).stream()
                .map(user -> json.student(user, rosterClass.schoolSourcedId())).toList());
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
