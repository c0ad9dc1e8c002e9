package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LTI platform's HTTP side: a course page with its course navigation ({@code /courses/:id}, viewed as
 * {@code ?as_user_id=}), the launch of a tool from it, Canvas's authorization endpoint
 * ({@code /api/lti/authorize_redirect}), and control endpoints under {@code /sim/lti} (register a tool, make an
 * account admin, replay the last launch).
 */
final class LtiRoutes {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private final LtiPlatform platform;
    private final CanvasStore store;

    LtiRoutes(LtiPlatform platform, CanvasStore store) {
        this.platform = platform;
        this.store = store;
    }

    void mount(Router router) {
        router.post("/api/lti/authorize_redirect").handler(BodyHandler.create(false).setBodyLimit(65_536));
        router.route("/api/lti/authorize_redirect").handler(this::authorize);
        router.get("/courses/:course_id").handler(this::coursePage);
        router.get("/courses/:course_id/external_tools/:tool_id").handler(this::launch);
        router.post("/sim/lti/tools").handler(ctx -> {
            LtiPlatform.Tool tool = platform.register(CanvasJson.parse(ctx.body().asString()));
            json(ctx, 201, tool(tool));
        });
        router.put("/sim/lti/account-admins/:user_id").handler(ctx -> {
            platform.addAccountAdmin(Long.parseLong(ctx.pathParam("user_id")));
            ctx.response().setStatusCode(204).end();
        });
        router.get("/sim/lti/replay").handler(ctx -> platform.lastLaunch()
                .ifPresentOrElse(post -> html(ctx, 200, autoPost(post, "Replaying the last launch")),
                        () -> html(ctx, 404, page("No launch yet", "<p>No launch has been made yet.</p>"))));
        router.route("/sim/lti/*").failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            int status = failure instanceof UnknownResourceException ? 404
                    : failure instanceof IllegalArgumentException ? 400 : 500;
            ObjectNode body = CanvasJson.errors(failure == null ? "failed" : String.valueOf(failure.getMessage()));
            json(ctx, status, body);
        });
    }

    private void coursePage(RoutingContext ctx) {
        Course course;
        CanvasUser viewer;
        try {
            course = store.course(Long.parseLong(ctx.pathParam("course_id")))
                    .orElseThrow(() -> new UnknownResourceException("course"));
            viewer = viewer(ctx, course);
        } catch (NumberFormatException | UnknownResourceException e) {
            html(ctx, 404, page("Page not found", "<p>No such course or user.</p>"));
            return;
        }
        StringBuilder nav = new StringBuilder("<nav id=\"course-navigation\"><ul><li>Home</li><li>Assignments</li>"
                + "<li>Grades</li>");
        for (LtiPlatform.Tool tool : platform.tools()) {
            String href = "/courses/" + course.id() + "/external_tools/" + tool.id() + "?as_user_id=" + viewer.id();
            nav.append("<li><a class=\"external-tool\" data-tool-id=\"").append(escape(tool.id()))
                    .append("\" href=\"").append(escape(href)).append("\">").append(escape(tool.name()))
                    .append("</a></li>");
        }
        nav.append("</ul></nav>");
        html(ctx, 200, page(course.name(), "<h1 id=\"course-name\">" + escape(course.name()) + "</h1>"
                + "<p>Viewing as " + escape(viewer.name()) + " (" + escape(viewer.loginId()) + ")</p>" + nav));
    }

    private void launch(RoutingContext ctx) {
        try {
            long courseId = Long.parseLong(ctx.pathParam("course_id"));
            Course course = store.course(courseId).orElseThrow(() -> new UnknownResourceException("course"));
            CanvasUser viewer = viewer(ctx, course);
            LtiPlatform.FormPost initiation = platform.startLaunch(ctx.pathParam("tool_id"), courseId, viewer.id(),
                    ctx.request().getParam("sim_fault"));
            html(ctx, 200, autoPost(initiation, "Launching the tool"));
        } catch (NumberFormatException | UnknownResourceException e) {
            html(ctx, 404, page("Page not found", "<p>No such course, user or tool.</p>"));
        } catch (IllegalArgumentException e) {
            html(ctx, 400, page("Launch failed", "<p>" + escape(e.getMessage()) + "</p>"));
        }
    }

    private void authorize(RoutingContext ctx) {
        MultiMap all = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().params());
        if (ctx.request().method() == HttpMethod.POST) {
            all.addAll(ctx.request().formAttributes());
        }
        Map<String, String> params = new LinkedHashMap<>();
        all.names().forEach(name -> params.put(name, all.get(name)));
        try {
            html(ctx, 200, autoPost(platform.authorize(params), "Signing you in to the tool"));
        } catch (IllegalArgumentException e) {
            html(ctx, 400, page("Launch refused", "<p id=\"authorize-error\">" + escape(e.getMessage()) + "</p>"));
        }
    }

    /** The viewing user: {@code as_user_id}, else the course's teacher. */
    private CanvasUser viewer(RoutingContext ctx, Course course) {
        String asUser = ctx.request().getParam("as_user_id");
        if (asUser != null) {
            return store.user(Long.parseLong(asUser)).orElseThrow(() -> new UnknownResourceException("user"));
        }
        return store.teacher(course.id()).orElseThrow(() -> new UnknownResourceException("teacher"));
    }

    private static ObjectNode tool(LtiPlatform.Tool tool) {
        ObjectNode node = CanvasJson.object();
        node.put("id", tool.id());
        node.put("name", tool.name());
        node.put("clientId", tool.clientId());
        node.put("deploymentId", tool.deploymentId());
        node.put("oidcInitiationUrl", tool.initiationUrl());
        node.put("targetLinkUri", tool.targetLinkUri());
        ArrayNode redirects = node.putArray("redirectUris");
        tool.redirectUris().forEach(redirects::add);
        return node;
    }

    private ObjectNode platformJson() {
        ObjectNode node = CanvasJson.object();
        node.put("issuer", platform.issuer());
        node.put("authorizationUrl", platform.authorizationUrl());
        node.put("jwksUrl", platform.jwksUrl());
        return node;
    }

    private void json(RoutingContext ctx, int status, ObjectNode body) {
        if (status == 201) {
            body.setAll(platformJson());
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(CanvasJson.write(body));
    }

    /** A page whose form posts itself, as Canvas's launch pages do; a button does it without JavaScript. */
    private static String autoPost(LtiPlatform.FormPost post, String title) {
        StringBuilder form = new StringBuilder("<form id=\"lti-form\" method=\"post\" action=\"")
                .append(escape(post.action())).append("\">");
        post.fields().forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        form.append("<noscript><button type=\"submit\">Continue</button></noscript></form>")
                .append("<script>document.getElementById('lti-form').submit();</script>");
        return page(title, "<p>" + escape(title) + "…</p>" + form);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · Simulated Canvas</title></head><body>" + body + "</body></html>";
    }

    private static void html(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", HTML).end(body);
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
