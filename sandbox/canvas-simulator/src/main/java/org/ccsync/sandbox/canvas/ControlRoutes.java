package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Function;

/** The simulator's own control API under /sim (no auth, JSON in and out), mirroring {@link CanvasControl}. */
final class ControlRoutes {

    private static final String ASSIGNMENT = "/sim/courses/:course_id/assignments/:assignment_id";

    private final CanvasControl control;

    ControlRoutes(CanvasControl control) {
        this.control = control;
    }

    void mount(Router router) {
        router.route("/sim/*").handler(BodyHandler.create(false).setBodyLimit(1_048_576));
        router.post(ASSIGNMENT + "/submissions/:user_id").handler(handle(ctx -> control.submissionJson(
                control.gradeSubmission(id(ctx, "course_id"), id(ctx, "assignment_id"), id(ctx, "user_id"),
                        ControlRequests.gradeChange(body(ctx))))));
        router.put(ASSIGNMENT).handler(handle(ctx -> control.assignmentJson(control.updateAssignment(
                id(ctx, "course_id"), id(ctx, "assignment_id"), ControlRequests.assignmentPatch(body(ctx))))));
        router.delete(ASSIGNMENT).handler(handle(ctx -> control.assignmentJson(
                control.deleteAssignment(id(ctx, "course_id"), id(ctx, "assignment_id")))));
        router.post("/sim/courses/:course_id/assignments").handler(handle(ctx -> {
            ctx.response().setStatusCode(201);
            return control.assignmentJson(control.createAssignment(id(ctx, "course_id"),
                    ControlRequests.newAssignment(body(ctx))));
        }));
        router.post("/sim/courses/:course_id/disable_post_to_sis").handler(handle(ctx -> {
            ObjectNode result = CanvasJson.object();
            result.put("updated", control.disablePostToSisForCourse(id(ctx, "course_id")));
            return result;
        }));
        router.post(ASSIGNMENT + "/missing_policy").handler(handle(ctx -> submissions(
                control.applyMissingPolicy(id(ctx, "course_id"), id(ctx, "assignment_id")))));
        router.post(ASSIGNMENT + "/post_grades").handler(handle(ctx -> submissions(
                control.postGrades(id(ctx, "course_id"), id(ctx, "assignment_id")))));
        router.post(ASSIGNMENT + "/submissions/:user_id/clear_grade").handler(handle(ctx -> control.submissionJson(
                control.clearGrade(id(ctx, "course_id"), id(ctx, "assignment_id"), id(ctx, "user_id")))));
        router.post(ASSIGNMENT + "/submissions/:user_id/unexcuse").handler(handle(ctx -> control.submissionJson(
                control.unexcuseSubmission(id(ctx, "course_id"), id(ctx, "assignment_id"), id(ctx, "user_id")))));
        router.post(ASSIGNMENT + "/submissions/:user_id/submit").handler(handle(ctx -> control.submissionJson(
                control.submitAssignment(id(ctx, "course_id"), id(ctx, "assignment_id"), id(ctx, "user_id"),
                        ControlRequests.instant(body(ctx), "submitted_at")))));
        router.post(ASSIGNMENT + "/submissions/:user_id/pending_review").handler(handle(ctx -> {
            Double score = ControlRequests.number(body(ctx), "score");
            if (score == null) {
                throw new IllegalArgumentException("score is required");
            }
            return control.submissionJson(control.submitQuizPendingReview(id(ctx, "course_id"),
                    id(ctx, "assignment_id"), id(ctx, "user_id"), score));
        }));
        router.post(ASSIGNMENT + "/overrides").handler(handle(ctx -> {
            JsonNode body = body(ctx);
            AssignmentOverride created = control.addStudentOverride(id(ctx, "course_id"), id(ctx, "assignment_id"),
                    ControlRequests.studentIds(body), ControlRequests.instant(body, "due_at"));
            ctx.response().setStatusCode(201);
            return RestJson.override(created);
        }));
        router.delete(ASSIGNMENT + "/overrides/:override_id").handler(handle(ctx -> control.assignmentJson(
                control.removeOverride(id(ctx, "course_id"), id(ctx, "assignment_id"), id(ctx, "override_id")))));
        router.post(ASSIGNMENT + "/section_overrides").handler(handle(ctx -> {
            JsonNode body = body(ctx);
            AssignmentOverride created = control.addSectionOverride(id(ctx, "course_id"), id(ctx, "assignment_id"),
                    required(ControlRequests.longValue(body, "course_section_id"), "course_section_id"),
                    ControlRequests.overrideDates(body));
            ctx.response().setStatusCode(201);
            return RestJson.override(created);
        }));
        router.put(ASSIGNMENT + "/overrides/:override_id").handler(handle(ctx -> RestJson.override(
                control.updateOverride(id(ctx, "course_id"), id(ctx, "assignment_id"), id(ctx, "override_id"),
                        ControlRequests.overrideDates(body(ctx))))));
        router.post(ASSIGNMENT + "/unassign").handler(handle(ctx -> {
            AssignmentOverride created = control.unassignSection(id(ctx, "course_id"), id(ctx, "assignment_id"),
                    required(ControlRequests.longValue(body(ctx), "course_section_id"), "course_section_id"));
            ctx.response().setStatusCode(201);
            return RestJson.override(created);
        }));
        router.post("/sim/courses/:course_id/modules").handler(handle(ctx -> {
            JsonNode body = body(ctx);
            ContextModule module = control.createModule(id(ctx, "course_id"), ControlRequests.text(body, "name"),
                    ControlRequests.longs(body, "assignment_ids"));
            ctx.response().setStatusCode(201);
            ObjectNode result = CanvasJson.object();
            result.put("id", module.id());
            result.put("name", module.name());
            return result;
        }));
        router.post("/sim/courses/:course_id/modules/:module_id/assign").handler(handle(ctx -> {
            AssignmentOverride created = control.assignModuleToSection(id(ctx, "course_id"), id(ctx, "module_id"),
                    required(ControlRequests.longValue(body(ctx), "course_section_id"), "course_section_id"));
            ctx.response().setStatusCode(201);
            return RestJson.override(created);
        }));
        router.post("/sim/courses/:course_id/assignment_groups").handler(handle(ctx -> {
            ctx.response().setStatusCode(201);
            return RestJson.group(control.createAssignmentGroup(id(ctx, "course_id"),
                    ControlRequests.text(body(ctx), "name")));
        }));
        router.post("/sim/courses/:course_id/sections").handler(handle(ctx -> {
            JsonNode body = body(ctx);
            ctx.response().setStatusCode(201);
            return RestJson.section(control.createSection(id(ctx, "course_id"), ControlRequests.text(body, "name"),
                    ControlRequests.text(body, "sis_section_id")));
        }));
        router.put("/sim/courses/:course_id/sections/:section_id").handler(handle(ctx -> {
            JsonNode body = body(ctx);
            return RestJson.section(control.updateSection(id(ctx, "course_id"), id(ctx, "section_id"),
                    ControlRequests.text(body, "name"), ControlRequests.text(body, "sis_section_id")));
        }));
        router.post("/sim/courses/:course_id/sections/:section_id/students").handler(handle(ctx -> {
            JsonNode body = body(ctx);
            long courseId = id(ctx, "course_id");
            long sectionId = id(ctx, "section_id");
            long userId = required(ControlRequests.longValue(body, "user_id"), "user_id");
            String job = ControlRequests.text(body, "job_tag");
            Enrollment created = job == null ? control.enrollStudent(courseId, sectionId, userId)
                    : control.asBackgroundJob(job, () -> control.enrollStudent(courseId, sectionId, userId));
            ctx.response().setStatusCode(201);
            return RestJson.enrollment(created, null, null);
        }));
        router.put("/sim/courses/:course_id/assignment_groups/:group_id").handler(handle(ctx -> RestJson.group(
                control.renameAssignmentGroup(id(ctx, "course_id"), id(ctx, "group_id"),
                        ControlRequests.text(body(ctx), "name")))));
        router.post("/sim/courses/:course_id/conclude").handler(handle(ctx -> course(
                control.concludeCourse(id(ctx, "course_id")))));
        router.post("/sim/courses/:course_id/unpublish").handler(handle(ctx -> course(
                control.unpublishCourse(id(ctx, "course_id")))));
        router.post("/sim/courses/:course_id/delete").handler(handle(ctx -> course(
                control.deleteCourse(id(ctx, "course_id")))));
        router.post("/sim/courses/:course_id/undelete").handler(handle(ctx -> course(
                control.undeleteCourse(id(ctx, "course_id")))));
        router.post("/sim/courses/:course_id/publish").handler(handle(ctx -> course(
                control.publishCourse(id(ctx, "course_id")))));
        router.put("/sim/courses/:course_id/users/:user_id/enrollment_state").handler(handle(ctx -> {
            ArrayNode array = CanvasJson.MAPPER.createArrayNode();
            for (Enrollment e : control.setEnrollmentState(id(ctx, "course_id"), id(ctx, "user_id"),
                    ControlRequests.text(body(ctx), "state"))) {
                array.add(RestJson.enrollment(e, null, null));
            }
            return array;
        }));
        router.put("/sim/courses/:course_id/late_policy").handler(handle(ctx -> {
            long courseId = id(ctx, "course_id");
            LatePolicy policy = ControlRequests.latePolicy(body(ctx), control.latePolicy(courseId).orElse(null));
            return RestJson.latePolicy(courseId, control.setLatePolicy(courseId, policy));
        }));
        router.post("/sim/keys/rotate").handler(handle(ctx -> {
            ObjectNode result = CanvasJson.object();
            result.put("current_kid", control.rotateKeys());
            return result;
        }));
        router.put("/sim/webhook").handler(handle(ctx -> {
            control.setWebhookUrl(ControlRequests.text(body(ctx), "url"));
            return settings();
        }));
        router.put("/sim/settings").handler(handle(this::updateSettings));
        router.get("/sim/settings").handler(handle(ctx -> settings()));
        router.post("/sim/token/revoke").handler(handle(ctx -> {
            control.revokeToken();
            return settings();
        }));
        router.post("/sim/token/restore").handler(handle(ctx -> {
            control.restoreToken();
            return settings();
        }));
        router.get("/sim/events").handler(handle(ctx -> events()));
        router.get("/sim/stats").handler(handle(ctx -> stats(control.stats())));
        router.post("/sim/reset").handler(handle(ctx -> {
            control.reset();
            return settings();
        }));
    }

    private Handler<RoutingContext> handle(Function<RoutingContext, JsonNode> action) {
        return ctx -> {
            JsonNode result;
            int status;
            try {
                result = action.apply(ctx);
                status = ctx.response().getStatusCode();
            } catch (UnknownResourceException e) {
                result = CanvasJson.errors(ApiResult.NOT_FOUND_MESSAGE);
                status = 404;
            } catch (IllegalArgumentException e) {
                result = CanvasJson.errors(e.getMessage());
                status = 400;
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(CanvasJson.write(result));
        };
    }

    private JsonNode updateSettings(RoutingContext ctx) {
        JsonNode body = body(ctx);
        Boolean sign = firstBoolean(body, "signEvents", "sign_events");
        String format = ControlRequests.text(body, "eventFormat") != null ? ControlRequests.text(body, "eventFormat")
                : ControlRequests.text(body, "event_format");
        if (format != null) {
            control.setEventFormat(ControlRequests.eventFormat(format));
        }
        Double drain = firstNumber(body, "drainPerSecond", "drain_per_second");
        Double highWater = firstNumber(body, "bucketHighWater", "bucket_high_water");
        if (drain != null || highWater != null) {
            control.setThrottle(highWater != null ? highWater : control.bucketHighWater(),
                    drain != null ? drain : control.drainPerSecond());
        }
        if (sign != null) {
            control.setSigning(sign);
        }
        return settings();
    }

    private ObjectNode settings() {
        ObjectNode result = CanvasJson.object();
        result.put("webhookUrl", control.webhookUrl());
        result.put("signEvents", control.signing());
        result.put("bucketHighWater", control.bucketHighWater());
        result.put("drainPerSecond", control.drainPerSecond());
        result.put("currentKid", control.currentKeyId());
        result.put("eventFormat", control.eventFormat().name());
        return result;
    }

    private ObjectNode course(Course course) {
        return RestJson.course(course, control.now(), true);
    }

    private ArrayNode events() {
        ArrayNode array = CanvasJson.MAPPER.createArrayNode();
        for (EmittedEvent e : control.events()) {
            ObjectNode n = array.addObject();
            n.put("sequence", e.sequence());
            n.put("event_name", e.eventName());
            n.put("course_id", e.courseId());
            n.put("delivery", e.delivery().name());
            n.put("status", e.status());
            n.put("attempts", e.attempts());
            n.put("webhook_url", e.webhookUrl());
            n.put("content_type", e.contentType());
            n.set("event", CanvasJson.parse(e.json()));
            n.put("payload", e.payload());
            n.put("response", e.response());
        }
        return array;
    }

    static ObjectNode stats(CanvasStats stats) {
        ObjectNode n = CanvasJson.object();
        ObjectNode byEndpoint = n.putObject("requests_by_endpoint");
        stats.requestsByEndpoint().forEach(byEndpoint::put);
        n.put("total_requests", stats.totalRequests());
        n.put("total_request_cost", stats.totalRequestCost());
        n.put("throttled_count", stats.throttledCount());
        n.put("max_bucket_level", stats.maxBucketLevel());
        n.put("current_level", stats.currentLevel());
        return n;
    }

    private ArrayNode submissions(List<Submission> submissions) {
        ArrayNode array = CanvasJson.MAPPER.createArrayNode();
        submissions.forEach(s -> array.add(control.submissionJson(s)));
        return array;
    }

    private static long required(Long value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static JsonNode body(RoutingContext ctx) {
        return ControlRequests.object(ctx.body().asString());
    }

    private static long id(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new UnknownResourceException("not an id: " + ctx.pathParam(name));
        }
    }

    private static Boolean firstBoolean(JsonNode body, String... names) {
        for (String name : names) {
            Boolean value = ControlRequests.bool(body, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Double firstNumber(JsonNode body, String... names) {
        for (String name : names) {
            Double value = ControlRequests.number(body, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
