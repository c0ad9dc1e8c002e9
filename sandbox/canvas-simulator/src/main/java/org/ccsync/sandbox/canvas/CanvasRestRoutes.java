package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Canvas REST endpoints under /api/v1 in Canvas wire format, behind the bearer check and the leaky bucket. */
final class CanvasRestRoutes {

    static final String JWKS_PATH = "/api/lti/security/jwks";
    static final String RATE_LIMITED_BODY = "403 Forbidden (Rate Limit Exceeded)";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String COURSE = "/api/v1/courses/:course_id";
    /** Canvas's enrollments API returns only these states when {@code state[]} is omitted. */
    private static final List<String> DEFAULT_ENROLLMENT_STATES = List.of(Enrollment.ACTIVE, Enrollment.INVITED);
    /** {@code SubmissionsApiController#for_students}'s answer when assignment_ids[] names an unreadable one. */
    static final String INVALID_ASSIGNMENT_IDS = "invalid assignment ids requested";
    /** Canvas's {@code Api::ISO8601_REGEX}: a full date and time, optional fraction, optional Z or +hh:mm. */
    static final Pattern ISO8601 = Pattern.compile("^[0-9]{4}-(1[0-2]|0[1-9])-(3[0-1]|0[1-9]|[1-2][0-9])"
            + "T(2[0-3]|[0-1][0-9]):[0-5][0-9]:(60|[0-5][0-9])(\\.[0-9]+)?(Z|[+-](2[0-3]|[0-1][0-9]):[0-5][0-9])?$");
    private static final Pattern LEADING_DIGITS = Pattern.compile("^[0-9]+");

    private final CanvasStore store;
    private final ApiGate gate;
    private final SigningKeys keys;
    private final SimClock clock;
    private final double baseCost;
    private final Supplier<String> baseUrl;

    CanvasRestRoutes(CanvasStore store, ApiGate gate, SigningKeys keys, SimClock clock, double baseCost,
            Supplier<String> baseUrl) {
        this.store = store;
        this.gate = gate;
        this.keys = keys;
        this.clock = clock;
        this.baseCost = baseCost;
        this.baseUrl = baseUrl;
    }

    void mount(Router router) {
        router.get(JWKS_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", JSON_TYPE)
                .end(keys.jwksJson()));
        get(router, "/api/v1/accounts/:account_id/courses", this::accountCourses);
        get(router, COURSE, ctx -> ApiResult.one(RestJson.course(course(ctx), clock.now(),
                values(ctx, "include").contains("concluded"))));
        get(router, COURSE + "/assignments", this::assignments);
        get(router, COURSE + "/assignments/:id", this::assignment);
        get(router, COURSE + "/students/submissions", this::studentSubmissions);
        get(router, COURSE + "/assignments/:assignment_id/submissions/:user_id", this::submission);
        get(router, COURSE + "/sections", ctx -> list(ctx, store.sections(course(ctx).id()), RestJson::section));
        get(router, COURSE + "/enrollments", this::enrollments);
        get(router, COURSE + "/assignment_groups",
                ctx -> list(ctx, store.groups(course(ctx).id()), RestJson::group));
        get(router, COURSE + "/grading_periods", this::gradingPeriods);
        get(router, COURSE + "/late_policy", ctx -> {
            Course course = course(ctx);
            return ApiResult.one(RestJson.latePolicy(course.id(), store.latePolicy(course.id())
                    .orElseThrow(() -> new UnknownResourceException("late policy"))));
        });
        router.route("/api/*").last().handler(api("unknown", ctx -> ApiResult.notFound()));
    }

    private void get(Router router, String path, Function<RoutingContext, ApiResult> handler) {
        router.get(path).handler(api("GET " + path, handler));
    }

    private Handler<RoutingContext> api(String endpoint, Function<RoutingContext, ApiResult> handler) {
        return ctx -> {
            HttpServerResponse response = ctx.response();
            if (!gate.authorized(ctx.request().getHeader("Authorization"), ctx.request().getParam("access_token"))) {
                rateHeaders(response, 0, gate.remaining());
                response.putHeader("WWW-Authenticate", "Bearer realm=\"canvas-lms\"");
                send(response, 401, CanvasJson.errors("Invalid access token.").toString());
                return;
            }
            ApiResult result;
            try {
                result = handler.apply(ctx);
            } catch (UnknownResourceException e) {
                result = ApiResult.notFound();
            } catch (IllegalArgumentException e) {
                result = ApiResult.badRequest(e.getMessage());
            }
            double cost = baseCost + CanvasSimulatorConfig.COST_PER_ITEM * result.items();
            ApiGate.Charge charge = gate.charge(endpoint, cost);
            rateHeaders(response, charge.cost(), charge.remaining());
            if (!charge.allowed()) {
                response.setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(RATE_LIMITED_BODY);
                return;
            }
            if (result.link() != null) {
                response.putHeader("Link", result.link());
            }
            send(response, result.status(), CanvasJson.write(result.body()));
        };
    }

    private static void send(HttpServerResponse response, int status, String json) {
        response.setStatusCode(status).putHeader("Content-Type", JSON_TYPE).end(json);
    }

    private static void rateHeaders(HttpServerResponse response, double cost, double remaining) {
        response.putHeader("X-Request-Cost", decimal(cost));
        response.putHeader("X-Rate-Limit-Remaining", decimal(remaining));
    }

    /** A decimal with up to 4 places and at least one, e.g. 1.0, 1.05, 698.9834. */
    static String decimal(double value) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return (d.scale() < 1 ? d.setScale(1, RoundingMode.UNNECESSARY) : d).toPlainString();
    }

    private ApiResult accountCourses(RoutingContext ctx) {
        String account = ctx.pathParam("account_id");
        if (!account.equals("self") && !account.equals(Long.toString(DemoDistrict.ACCOUNT_ID))) {
            return ApiResult.notFound();
        }
        Instant now = clock.now();
        boolean concluded = values(ctx, "include").contains("concluded");
        return list(ctx, store.courses().stream().filter(c -> !c.deleted()).toList(),
                c -> RestJson.course(c, now, concluded));
    }

    private ApiResult assignments(RoutingContext ctx) {
        Course course = course(ctx);
        boolean onlySis = "true".equals(ctx.request().getParam("post_to_sis"));
        boolean overrides = values(ctx, "include").contains("overrides");
        Set<Long> ids = longs(values(ctx, "assignment_ids"));
        List<Assignment> selected = store.assignments(course.id()).stream()
                .filter(a -> !onlySis || a.postToSis())
                .filter(a -> ids.isEmpty() || ids.contains(a.id()))
                .toList();
        return list(ctx, selected, a -> RestJson.assignment(a, overrides ? store.overridesOf(a) : null));
    }

    private ApiResult assignment(RoutingContext ctx) {
        Course course = course(ctx);
        Assignment a = store.assignment(course.id(), id(ctx.pathParam("id")))
                .orElseThrow(() -> new UnknownResourceException("assignment"));
        return ApiResult.one(RestJson.assignment(a,
                values(ctx, "include").contains("overrides") ? store.overridesOf(a) : null));
    }

    /**
     * {@code GET /courses/:id/students/submissions} as {@code SubmissionsApiController#for_students} answers it, in its
     * order of checks: without {@code student_ids[]} only the caller's own submissions (the API user, an admin, has
     * none); {@code all} every student of the course; named students must be students of it (401). The assignments
     * are the course's <em>published</em> ones (and with {@code post_to_sis=true} only those that post to SIS): when
     * {@code assignment_ids[]} names any other (unpublished, deleted, unknown), the whole request is refused with 403
     * {@code {"error": "invalid assignment ids requested"}}. {@code graded_since} and {@code submitted_since} must match
     * Canvas's {@code Api::ISO8601_REGEX} (400 otherwise). Ordered by {@code id} (default) or {@code graded_at}
     * ascending, the answer pages with opaque bookmarks ({@code BookmarkedCollection}); descending, with page numbers.
     */
    private ApiResult studentSubmissions(RoutingContext ctx) {
        Course course = course(ctx);
        Set<Long> enrolled = new HashSet<>(store.studentIds(course.id()));
        List<String> studentParams = values(ctx, "student_ids");
        Set<Long> students;
        if (studentParams.contains("all")) {
            students = enrolled;
        } else if (studentParams.isEmpty()) {
            // "If this argument is omitted, return submissions for the calling user": the token's user has none.
            students = Set.of();
        } else {
            students = studentParams.stream().map(this::userIdOrZero).collect(Collectors.toSet());
            if (!enrolled.containsAll(students)) {
                return ApiResult.error(401, unauthorized());
            }
        }
        boolean onlySis = "true".equals(ctx.request().getParam("post_to_sis"));
        Map<Long, Assignment> assignments = store.assignments(course.id()).stream()
                .filter(Assignment::readableByStudentsApi)
                .filter(a -> !onlySis || a.postToSis())
                .collect(Collectors.toMap(Assignment::id, a -> a));
        Set<Long> requested = values(ctx, "assignment_ids").stream().map(CanvasRestRoutes::toI)
                .collect(Collectors.toSet());
        if (!requested.isEmpty() && !assignments.keySet().containsAll(requested)) {
            ObjectNode body = CanvasJson.object();
            body.put("error", INVALID_ASSIGNMENT_IDS);
            return ApiResult.error(403, body);
        }
        Instant submittedSince;
        Instant gradedSince;
        try {
            submittedSince = sinceParam(ctx, "submitted_since");
            gradedSince = sinceParam(ctx, "graded_since");
        } catch (InvalidSince e) {
            ObjectNode body = CanvasJson.object();
            body.putObject("errors").put(e.param, "Invalid datetime for " + e.param);
            return ApiResult.error(400, body);
        }
        Set<Long> assignmentIds = requested.isEmpty() ? assignments.keySet() : requested;
        boolean withAssignment = values(ctx, "include").contains("assignment");
        boolean byGradedAt = "graded_at".equals(ctx.request().getParam("order"));
        boolean descending = "descending".equals(ctx.request().getParam("order_direction"));
        Comparator<Submission> order = byGradedAt
                ? Comparator.comparing(Submission::gradedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Submission::id)
                : Comparator.comparing(Submission::id);
        List<Submission> selected = store.submissions(course.id()).stream()
                .filter(s -> students.contains(s.userId()))
                .filter(s -> assignmentIds.contains(s.assignmentId()))
                .filter(s -> submittedSince == null
                        || (s.submittedAt() != null && s.submittedAt().isAfter(submittedSince)))
                .filter(s -> gradedSince == null || (s.gradedAt() != null && s.gradedAt().isAfter(gradedSince)))
                .sorted(descending ? order.reversed() : order)
                .toList();
        if (descending) {
            // "desc nulls last": the ungraded ones stay at the end.
            if (byGradedAt) {
                List<Submission> reordered = new ArrayList<>(selected.stream().filter(s -> s.gradedAt() != null)
                        .toList());
                selected.stream().filter(s -> s.gradedAt() == null).forEach(reordered::add);
                selected = reordered;
            }
            return list(ctx, selected, s -> submissionJson(s, assignments.get(s.assignmentId()), withAssignment));
        }
        Function<Submission, ArrayNode> key = byGradedAt ? CanvasRestRoutes::gradedAtKey : CanvasRestRoutes::idKey;
        Paginator.Page<Submission> page = Paginator.bookmarked(selected, key,
                byGradedAt ? CanvasRestRoutes::compareGradedAtKeys : CanvasRestRoutes::compareIdKeys, ctx.request(),
                baseUrl.get());
        ArrayNode array = CanvasJson.MAPPER.createArrayNode();
        page.items().forEach(s -> array.add(submissionJson(s, assignments.get(s.assignmentId()), withAssignment)));
        return ApiResult.ok(array, page.items().size(), page.link());
    }

    private ObjectNode submissionJson(Submission s, Assignment a, boolean withAssignment) {
        ObjectNode node = RestJson.submission(s, s.missingAt(clock.now(), a));
        if (withAssignment) {
            node.set("assignment", RestJson.assignment(a, null));
        }
        return node;
    }

    private static ArrayNode gradedAtKey(Submission s) {
        ArrayNode key = CanvasJson.MAPPER.createArrayNode();
        key.add(CanvasTime.rest(s.gradedAt()));
        key.add(s.id());
        return key;
    }

    private static ArrayNode idKey(Submission s) {
        return CanvasJson.MAPPER.createArrayNode().add(s.id());
    }

    /** graded_at ascending with the ungraded last, then id. */
    private static int compareGradedAtKeys(JsonNode a, JsonNode b) {
        Instant left = a.path(0).isTextual() ? Instant.parse(a.path(0).asText()) : null;
        Instant right = b.path(0).isTextual() ? Instant.parse(b.path(0).asText()) : null;
        int byTime = Comparator.nullsLast(Comparator.<Instant>naturalOrder()).compare(left, right);
        return byTime != 0 ? byTime : Long.compare(a.path(1).asLong(), b.path(1).asLong());
    }

    private static int compareIdKeys(JsonNode a, JsonNode b) {
        return Long.compare(a.path(0).asLong(), b.path(0).asLong());
    }

    /** A {@code *_since} parameter: absent or blank is none; anything not matching Canvas's pattern is refused. */
    private static Instant sinceParam(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!ISO8601.matcher(value).matches()) {
            throw new InvalidSince(name);
        }
        return CanvasTime.parse(value);
    }

    /** A {@code *_since} parameter that Canvas's {@code Api::ISO8601_REGEX} does not match. */
    private static final class InvalidSince extends RuntimeException {
        private final String param;

        InvalidSince(String param) {
            super(param, null, false, false);
            this.param = param;
        }
    }

    private static ObjectNode unauthorized() {
        ObjectNode body = CanvasJson.errors("user not authorized to perform that action");
        body.put("status", "unauthorized");
        return body;
    }

    /** Ruby's {@code to_i}: the leading digits, 0 when there are none. */
    private static long toI(String value) {
        Matcher m = LEADING_DIGITS.matcher(value.trim());
        if (!m.find()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long userIdOrZero(String ref) {
        try {
            return userId(ref);
        } catch (UnknownResourceException e) {
            return 0;
        }
    }

    private ApiResult submission(RoutingContext ctx) {
        Course course = course(ctx);
        Assignment a = store.assignment(course.id(), id(ctx.pathParam("assignment_id")))
                .orElseThrow(() -> new UnknownResourceException("assignment"));
        long userId = userId(ctx.pathParam("user_id"));
        Submission s = store.submission(a.id(), userId).filter(sub -> sub.courseId() == course.id())
                .orElseThrow(() -> new UnknownResourceException("submission"));
        return ApiResult.one(submissionJson(s, a, values(ctx, "include").contains("assignment")));
    }

    /** Enrollments of the types in {@code type[]} and the states in {@code state[]} (default: active and invited). */
    private ApiResult enrollments(RoutingContext ctx) {
        Course course = course(ctx);
        List<String> types = values(ctx, "type");
        List<String> requestedStates = values(ctx, "state");
        List<String> states = requestedStates.isEmpty() ? DEFAULT_ENROLLMENT_STATES : requestedStates;
        List<Enrollment> selected = store.enrollments(course.id()).stream()
                .filter(e -> types.isEmpty() || types.contains(e.type()))
                .filter(e -> states.contains(e.state())).toList();
        return list(ctx, selected, e -> RestJson.enrollment(e, store.user(e.userId()).orElse(null),
                store.section(e.sectionId()).orElse(null)));
    }

    private ApiResult gradingPeriods(RoutingContext ctx) {
        course(ctx);
        Instant now = clock.now();
        Paginator.Page<GradingPeriod> page = Paginator.page(store.gradingPeriods(), ctx.request(), baseUrl.get());
        ObjectNode body = CanvasJson.object();
        ArrayNode periods = body.putArray("grading_periods");
        page.items().forEach(p -> periods.add(RestJson.gradingPeriod(p, now)));
        return ApiResult.ok(body, page.items().size(), page.link());
    }

    private <T> ApiResult list(RoutingContext ctx, List<T> all, Function<T, ObjectNode> render) {
        Paginator.Page<T> page = Paginator.page(all, ctx.request(), baseUrl.get());
        ArrayNode array = CanvasJson.MAPPER.createArrayNode();
        page.items().forEach(item -> array.add(render.apply(item)));
        return ApiResult.ok(array, page.items().size(), page.link());
    }

    /** The course named by {@code :course_id}, a number or {@code sis_course_id:X}; a deleted one is not found. */
    private Course course(RoutingContext ctx) {
        String ref = ctx.pathParam("course_id");
        return (ref.startsWith("sis_course_id:") ? store.courseBySisId(ref.substring("sis_course_id:".length()))
                : store.course(id(ref))).filter(c -> !c.deleted())
                .orElseThrow(() -> new UnknownResourceException("course " + ref));
    }

    /** A user id, a number or {@code sis_user_id:X}. */
    private long userId(String ref) {
        if (ref.startsWith("sis_user_id:")) {
            return store.userBySisId(ref.substring("sis_user_id:".length())).map(CanvasUser::id)
                    .orElseThrow(() -> new UnknownResourceException("user " + ref));
        }
        return id(ref);
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UnknownResourceException("not an id: " + text);
        }
    }

    private static Set<Long> longs(List<String> values) {
        Set<Long> ids = new HashSet<>();
        values.forEach(v -> ids.add(id(v)));
        return ids;
    }

    /** Values of {@code name[]} and {@code name}, in order. */
    private static List<String> values(RoutingContext ctx, String name) {
        HttpServerRequest request = ctx.request();
        List<String> result = new ArrayList<>(request.params().getAll(name + "[]"));
        result.addAll(request.params().getAll(name));
        return result;
    }
}
