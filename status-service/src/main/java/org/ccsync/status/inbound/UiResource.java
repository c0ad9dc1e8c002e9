package org.ccsync.status.inbound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;
import org.ccsync.status.access.Access;
import org.ccsync.status.access.Caller;
import org.ccsync.status.access.LtiLaunches;
import org.ccsync.status.access.LtiSessionMechanism;
import org.ccsync.status.access.TokenCookieFilter;
import org.ccsync.status.domain.AssignmentView;
import org.ccsync.status.domain.CategoryMappingService;
import org.ccsync.status.domain.CategoryMappingView;
import org.ccsync.status.domain.CourseNotFoundException;
import org.ccsync.status.domain.CourseService;
import org.ccsync.status.domain.CourseStatusView;
import org.ccsync.status.domain.CourseSummary;
import org.ccsync.status.domain.DashboardView;
import org.ccsync.status.domain.DriftService;
import org.ccsync.status.domain.StudentView;
import org.ccsync.status.domain.SyncRunView;
import org.ccsync.status.domain.UnknownResourceException;
import org.ccsync.status.persistence.AuditLog;
import org.ccsync.status.persistence.RosterQueries;
import org.ccsync.status.persistence.StatusQueries;
import org.ccsync.status.persistence.SyncRun;
import org.ccsync.status.platform.Districts;
import org.ccsync.status.platform.StatusConfig;

/**
 * The monitoring web page: plain server-rendered HTML, no JavaScript. Course list, course page (assignments and
 * students with status and reason, "Sync now", the daily-schedule toggle), student and assignment pages, the
 * district dashboard with the audit of recent changes, and the sign-in page: the district's identity provider
 * (OpenID Connect code flow, handled by quarkus-oidc at {@code /ui/sign-in/oidc}) and, where enabled, a pasted
 * token kept in an HttpOnly cookie.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class UiResource {

    static final String SIGN_IN = "/ui/sign-in";
    /** Where quarkus-oidc ends the identity provider's session (RP-initiated logout). */
    static final String OIDC_SIGN_OUT = "/ui/sign-out/idp";

    private final Access access;
    private final StatusQueries queries;
    private final RosterQueries roster;
    private final CourseService courses;
    private final CategoryMappingService mappings;
    private final Districts districts;
    private final StatusConfig config;
    private final AuditLog audit;
    private final LtiLaunches launches;
    private final DriftService drift;

    public UiResource(Access access, StatusQueries queries, RosterQueries roster, CourseService courses,
            CategoryMappingService mappings, Districts districts, StatusConfig config, AuditLog audit,
            LtiLaunches launches, DriftService drift) {
        this.drift = drift;
        this.access = access;
        this.queries = queries;
        this.roster = roster;
        this.courses = courses;
        this.mappings = mappings;
        this.districts = districts;
        this.config = config;
        this.audit = audit;
        this.launches = launches;
    }

    /** The templates under {@code templates/UiResource/}, checked against these parameters at build time. */
    @CheckedTemplate
    public static class Templates {

        public static native TemplateInstance signIn(String message, String notice, String providerName,
                boolean tokenSignIn);

        public static native TemplateInstance noRole(String caller);

        public static native TemplateInstance courses(UiPage page, List<CourseSummary> courses);

        public static native TemplateInstance course(UiPage page, CourseStatusView course,
                List<AssignmentView> assignments, List<StudentView> students, List<CategoryMappingView> mappings,
                SyncRunView latestRun, DriftService.CourseDrift drift);

        public static native TemplateInstance student(UiPage page, String courseId, StudentView.Detail detail);

        public static native TemplateInstance assignment(UiPage page, String courseId, AssignmentView.Detail detail);

        public static native TemplateInstance dashboard(UiPage page, DashboardView dashboard,
                List<AuditLog.Entry> audit, List<DriftService.Hold> holds);

        public static native TemplateInstance error(int status, String code, String message);

        public static native TemplateInstance launchError(int status, String code, String message);
    }

    /** Sends the caller to their district: its dashboard for an admin, their courses for a teacher. */
    @GET
    @Authenticated
    public Response landing() {
        var tenant = access.callerDistrict();
        if (tenant.isEmpty()) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Templates.noRole(access.callerName()).render()).build();
        }
        String target = access.isAdmin(tenant.get()) ? "/ui/districts/{tenant}" : "/ui/districts/{tenant}/courses";
        return Response.seeOther(UriBuilder.fromPath(target).build(tenant.get())).build();
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    public TemplateInstance signInForm() {
        return Templates.signIn(null, null, config.auth().providerName(), config.auth().tokenSignIn());
    }

    /** Where a sign-out ends, after the identity provider's session too (quarkus-oidc's post-logout path). */
    @GET
    @Path("/signed-out")
    @PermitAll
    public TemplateInstance signedOut() {
        return Templates.signIn(null, "You are signed out.", config.auth().providerName(),
                config.auth().tokenSignIn());
    }

    /**
     * Where the identity provider's sign-in ends: quarkus-oidc has completed the code flow (this path requires it,
     * see {@code quarkus.http.auth.permission.oidc-sign-in}), so the browser holds its session cookie. A launch's
     * session or a pasted token in this browser is ended: one sign-in at a time.
     */
    @GET
    @Path("/sign-in/oidc")
    @Authenticated
    public Response signedInWithProvider(@CookieParam(LtiSessionMechanism.COOKIE) String ltiSession) {
        if (ltiSession != null && !ltiSession.isBlank()) {
            launches.closeSession(ltiSession);
        }
        return Response.seeOther(URI.create("/ui"))
                .cookie(cookie(LtiSessionMechanism.COOKIE, "", 0), cookie(TokenCookieFilter.COOKIE, "", 0))
                .build();
    }

    /** Where the identity provider sends a sign-in it refused or the person cancelled. */
    @GET
    @Path("/sign-in/failed")
    @PermitAll
    public Response signInFailed(@QueryParam("error") String error,
            @QueryParam("error_description") String description) {
        String why = description != null && !description.isBlank() ? description : error;
        return Response.status(Response.Status.UNAUTHORIZED)
                .entity(Templates.signIn("The sign-in did not complete" + (why == null ? "." : ": " + why), null,
                        config.auth().providerName(), config.auth().tokenSignIn()).render())
                .build();
    }

    /**
     * Keeps the pasted token in an HttpOnly cookie; the token is verified on every page like a bearer token. Only
     * where {@code ccsync.auth.token-sign-in} is on (the sandbox).
     */
    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token) {
        if (!config.auth().tokenSignIn()) {
            throw new UnknownResourceException("not_found", "Not Found.");
        }
        String trimmed = token == null ? "" : token.trim();
        if (trimmed.startsWith("Bearer ")) {
            trimmed = trimmed.substring("Bearer ".length()).trim();
        }
        if (trimmed.isEmpty() || trimmed.chars().filter(c -> c == '.').count() != 2) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signIn("Paste a signed JWT: three parts separated by dots.", null,
                            config.auth().providerName(), true).render())
                    .build();
        }
        return Response.seeOther(URI.create("/ui"))
                .cookie(cookie(TokenCookieFilter.COOKIE, trimmed, NewCookie.DEFAULT_MAX_AGE),
                        cookie(LtiSessionMechanism.COOKIE, "", 0))
                .build();
    }

    /**
     * Ends every sign-in of this browser: a launch's session, a pasted token, and the identity provider's session
     * (through quarkus-oidc's RP-initiated logout, which comes back to the sign-in page).
     */
    @POST
    @Path("/sign-out")
    @PermitAll
    public Response signOut(@CookieParam(LtiSessionMechanism.COOKIE) String ltiSession) {
        boolean provider = Caller.OIDC.equals(access.caller().signIn());
        if (ltiSession != null && !ltiSession.isBlank()) {
            launches.closeSession(ltiSession);
        }
        return Response.seeOther(URI.create(provider ? OIDC_SIGN_OUT : "/ui/signed-out"))
                .cookie(cookie(TokenCookieFilter.COOKIE, "", 0), cookie(LtiSessionMechanism.COOKIE, "", 0))
                .build();
    }

    @GET
    @Path("/districts/{tenant}")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public TemplateInstance dashboard(@PathParam("tenant") String tenant) {
        return Templates.dashboard(page(tenant, false), queries.dashboard(tenant, 500),
                audit.recent(tenant, null, 50), drift.holds(tenant, null, true));
    }

    @GET
    @Path("/districts/{tenant}/courses")
    @PermissionsAllowed(Access.SEE_DISTRICT)
    public TemplateInstance courseList(@PathParam("tenant") String tenant) {
        return Templates.courses(page(tenant, false), queries.courses(tenant, access.visibleCourses(tenant)));
    }

    @GET
    @Path("/districts/{tenant}/courses/{courseId}")
    @PermissionsAllowed(Access.REACH_COURSE)
    public TemplateInstance course(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @QueryParam("run") String runId) {
        CourseStatusView course = queries.course(tenant, courseId)
                .orElseThrow(() -> new CourseNotFoundException(tenant, courseId));
        SyncRunView latest = course.recentRuns().isEmpty() ? null : course.recentRuns().get(0);
        if (runId != null) {
            latest = SyncRun.findRun(tenant, courseId, runId).map(SyncRunView::of).orElse(latest);
        }
        boolean running = latest != null && !latest.finished();
        return Templates.course(page(tenant, running), course, roster.assignments(tenant, courseId),
                roster.students(tenant, courseId), mappings.list(tenant, courseId), latest,
                drift.course(tenant, courseId));
    }

    @GET
    @Path("/districts/{tenant}/courses/{courseId}/students/{userId}")
    @PermissionsAllowed(Access.REACH_COURSE)
    public TemplateInstance student(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("userId") String userId) {
        StudentView.Detail detail = roster.student(tenant, courseId, userId)
                .orElseThrow(() -> new UnknownResourceException("unknown_student",
                        "No student " + userId + " is known in course " + courseId + "."));
        return Templates.student(page(tenant, false), courseId, detail);
    }

    @GET
    @Path("/districts/{tenant}/courses/{courseId}/assignments/{assignmentId}")
    @PermissionsAllowed(Access.REACH_COURSE)
    public TemplateInstance assignment(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @PathParam("assignmentId") String assignmentId) {
        AssignmentView assignment = roster.assignment(tenant, courseId, assignmentId)
                .orElseThrow(() -> new UnknownResourceException("unknown_assignment",
                        "No assignment " + assignmentId + " is known in course " + courseId + "."));
        return Templates.assignment(page(tenant, false), courseId, new AssignmentView.Detail(assignment,
                roster.assignmentResults(tenant, courseId, assignmentId)));
    }

    /** The "Sync now" button: asks for the run, then back to the course page, which follows the run. */
    @POST
    @Path("/districts/{tenant}/courses/{courseId}/sync")
    @PermissionsAllowed(Access.REACH_COURSE)
    public Response syncNow(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        SyncRun run = courses.syncNow(tenant, courseId, access.actor());
        return Response.seeOther(coursePath().queryParam("run", run.runId).build(tenant, courseId)).build();
    }

    /** "Verify against IC now": asks campus-writer, then back to the course page. */
    @POST
    @Path("/districts/{tenant}/courses/{courseId}/verify")
    @PermissionsAllowed(Access.REACH_COURSE)
    public Response verify(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId) {
        drift.verify(tenant, courseId, access.actor());
        return Response.seeOther(coursePath().build(tenant, courseId)).build();
    }

    /** A district admin's "Release" or "Discard" of a held change, then back to the course page. */
    @POST
    @Path("/districts/{tenant}/holds/{holdId}/{decision:release|discard}")
    @PermissionsAllowed(Access.ADMINISTER_DISTRICT)
    public Response decide(@PathParam("tenant") String tenant, @PathParam("holdId") long holdId,
            @PathParam("decision") String decision) {
        DriftService.Hold hold = drift.hold(tenant, holdId).orElseThrow(() -> new UnknownResourceException(
                "unknown_hold", "District " + tenant + " has no held change " + holdId + "."));
        if (hold.open()) {
            drift.decide(tenant, hold, "release".equals(decision), access.actor());
        }
        return Response.seeOther(coursePath().build(tenant, hold.courseId())).build();
    }

    /** The daily-schedule toggle: {@code enabled} is {@code true}, {@code false} or {@code default}. */
    @POST
    @Path("/districts/{tenant}/courses/{courseId}/daily-sync")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.REACH_COURSE)
    public Response dailySync(@PathParam("tenant") String tenant, @PathParam("courseId") String courseId,
            @FormParam("enabled") String enabled) {
        if ("default".equals(enabled)) {
            courses.resetDailySync(tenant, courseId, access.actor());
        } else if ("true".equals(enabled) || "false".equals(enabled)) {
            courses.setDailySync(tenant, courseId, Boolean.parseBoolean(enabled), access.actor());
        } else {
            throw new BadRequestException();
        }
        return Response.seeOther(coursePath().build(tenant, courseId)).build();
    }

    private UiPage page(String tenant, boolean refresh) {
        Caller caller = access.caller();
        return new UiPage(tenant, districts.zone(tenant), caller.name(), caller.signIn(), access.isAdmin(tenant),
                refresh);
    }

    private static UriBuilder coursePath() {
        return UriBuilder.fromPath("/ui/districts/{tenant}/courses/{courseId}");
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(config.ui().secureCookie())
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }
}
