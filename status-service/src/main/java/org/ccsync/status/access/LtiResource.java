package org.ccsync.status.access;

import io.quarkus.logging.Log;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccsync.status.platform.StatusConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * The LTI 1.3 tool that Canvas launches from a course's navigation: the OIDC third-party login initiation
 * ({@code /lti/login}, answered with a redirect to the platform's authorization endpoint carrying a fresh state and
 * nonce) and the launch ({@code /lti/launch}, where the platform posts a signed {@code id_token}). A verified launch
 * opens a session for that course and lands on its page; anything else gets a page that says why it was refused.
 */
@Path("/lti")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class LtiResource {

    /** The cookie that binds a launch to the browser that started its login. */
    static final String STATE_COOKIE = "ccsync_lti_state";
    /** quarkus-oidc's session cookie of the default tenant. */
    static final String OIDC_SESSION_COOKIE = "q_session";
    static final String CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    static final String ADMINISTRATOR = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";

    private final LtiPlatforms platforms;
    private final LtiLaunches launches;
    private final StatusConfig config;

    public LtiResource(LtiPlatforms platforms, LtiLaunches launches, StatusConfig config) {
        this.platforms = platforms;
        this.launches = launches;
        this.config = config;
    }

    @GET
    @Path("/login")
    @Operation(hidden = true)
    public Response loginByGet(@QueryParam("iss") String issuer, @QueryParam("login_hint") String loginHint,
            @QueryParam("target_link_uri") String targetLinkUri, @QueryParam("lti_message_hint") String messageHint,
            @QueryParam("client_id") String clientId, @QueryParam("lti_deployment_id") String deploymentId,
            @Context UriInfo uri) {
        return login(issuer, loginHint, targetLinkUri, messageHint, clientId, deploymentId, uri);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response loginByPost(@FormParam("iss") String issuer, @FormParam("login_hint") String loginHint,
            @FormParam("target_link_uri") String targetLinkUri, @FormParam("lti_message_hint") String messageHint,
            @FormParam("client_id") String clientId, @FormParam("lti_deployment_id") String deploymentId,
            @Context UriInfo uri) {
        return login(issuer, loginHint, targetLinkUri, messageHint, clientId, deploymentId, uri);
    }

    @POST
    @Path("/launch")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response launch(@FormParam("id_token") String idToken, @FormParam("state") String state,
            @FormParam("error") String error, @FormParam("error_description") String errorDescription,
            @CookieParam(STATE_COOKIE) String stateCookie) {
        if (error != null) {
            throw new LtiLaunchException(400, "launch_refused_by_canvas", "Canvas did not complete the launch: "
                    + (errorDescription == null || errorDescription.isBlank() ? error : errorDescription));
        }
        if (idToken == null || idToken.isBlank() || state == null || state.isBlank()) {
            throw LtiLaunchException.invalid("The launch carries no id_token or state.");
        }
        LtiPlatforms.Platform platform = platforms.platformOf(idToken);
        JwtClaims claims = platforms.verify(idToken, platform);
        String nonce = string(claims, "nonce")
                .orElseThrow(() -> LtiLaunchException.invalid("The launch carries no nonce."));
        switch (launches.useLogin(state, nonce, platform.tenant())) {
            case USED_BEFORE -> throw new LtiLaunchException(401, "launch_replayed",
                    "This launch was already used. Open grade sync again from the course in Canvas.");
            case UNKNOWN -> throw new LtiLaunchException(401, "launch_unknown",
                    "This launch was not started by grade sync. Open grade sync again from the course in Canvas.");
            case TIMED_OUT -> throw new LtiLaunchException(401, "launch_expired",
                    "This launch from Canvas took too long. Open grade sync again from the course in Canvas.");
            case FIRST -> {
                // the one good outcome
            }
        }
        if (!state.equals(stateCookie)) {
            throw new LtiLaunchException(401, "launch_other_browser",
                    "This launch was started in another browser window. Open grade sync again from the course in "
                            + "Canvas.");
        }
        checkMessage(claims, platform);
        LtiLaunches.Session session = session(claims, platform);
        String sessionId = launches.openSession(session);
        Log.infof("LTI launch into %s/%s as %s (%s)", session.tenant(), session.courseId(), session.userName(),
                session.admin() ? "district admin" : "teacher");
        URI target = session.courseId() == null
                ? UriBuilder.fromPath("/ui/districts/{tenant}").build(session.tenant())
                : UriBuilder.fromPath("/ui/districts/{tenant}/courses/{courseId}")
                        .build(session.tenant(), session.courseId());
        Response.ResponseBuilder response = Response.seeOther(target)
                .cookie(cookie(LtiSessionMechanism.COOKIE, sessionId, "/", (int) config.lti().sessionLifetime()
                        .toSeconds()))
                .cookie(cookie(STATE_COOKIE, "", "/lti", 0))
                .cookie(cookie(TokenCookieFilter.COOKIE, "", "/", 0))
                // One sign-in at a time: the launch replaces a session with the identity provider in this browser.
                .cookie(cookie(OIDC_SESSION_COOKIE, "", "/", 0));
        return response.build();
    }

    /**
     * The tool's public key set, for the Canvas developer key's "Public JWK URL": empty, because grade sync signs
     * nothing and calls no LTI Advantage service.
     */
    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, List<Object>> jwks() {
        return Map.of("keys", List.of());
    }

    private Response login(String issuer, String loginHint, String targetLinkUri, String messageHint,
            String clientId, String deploymentId, UriInfo uri) {
        if (issuer == null || loginHint == null || targetLinkUri == null) {
            throw LtiLaunchException.invalid("The login initiation lacks iss, login_hint or target_link_uri.");
        }
        LtiPlatforms.Platform platform = platforms.find(issuer, clientId)
                .orElseThrow(() -> new LtiLaunchException(401, "launch_unknown_platform",
                        "This Canvas is not registered with grade sync."));
        if (deploymentId != null && !platform.deploymentIds().contains(deploymentId)) {
            throw new LtiLaunchException(403, "launch_unknown_deployment",
                    "This installation of the tool in Canvas is not registered with grade sync.");
        }
        URI base = base(uri);
        if (!targetLinkUri.startsWith(base.resolve("/").toString())) {
            throw LtiLaunchException.invalid("The launch targets another tool.");
        }
        LtiLaunches.Login login = launches.startLogin(platform.tenant());
        UriBuilder authorize = UriBuilder.fromUri(platform.authorizationUrl())
                .queryParam("scope", "openid")
                .queryParam("response_type", "id_token")
                .queryParam("response_mode", "form_post")
                .queryParam("prompt", "none")
                .queryParam("client_id", platform.clientId())
                .queryParam("redirect_uri", base.resolve("/lti/launch").toString())
                .queryParam("login_hint", loginHint)
                .queryParam("state", login.state())
                .queryParam("nonce", login.nonce());
        if (messageHint != null) {
            authorize.queryParam("lti_message_hint", messageHint);
        }
        return Response.status(Response.Status.FOUND).location(authorize.build())
                .cookie(cookie(STATE_COOKIE, login.state(), "/lti", (int) config.lti().launchTimeout().toSeconds()))
                .build();
    }

    private static void checkMessage(JwtClaims claims, LtiPlatforms.Platform platform) {
        if (!"LtiResourceLinkRequest".equals(string(claims, CLAIM + "message_type").orElse(null))) {
            throw LtiLaunchException.invalid("The launch is not a resource link launch.");
        }
        if (!"1.3.0".equals(string(claims, CLAIM + "version").orElse(null))) {
            throw LtiLaunchException.invalid("The launch is not LTI 1.3.");
        }
        String deployment = string(claims, CLAIM + "deployment_id").orElse(null);
        if (deployment == null || !platform.deploymentIds().contains(deployment)) {
            throw new LtiLaunchException(403, "launch_unknown_deployment",
                    "This installation of the tool in Canvas is not registered with grade sync.");
        }
        Optional<String> azp = string(claims, "azp");
        if (azp.isPresent() && !azp.get().equals(platform.clientId())) {
            throw new LtiLaunchException(401, "launch_forged", "The launch was issued to another tool.");
        }
    }

    private static LtiLaunches.Session session(JwtClaims claims, LtiPlatforms.Platform platform) {
        List<String> roles = strings(claims, CLAIM + "roles");
        boolean admin = platform.administratorIsDistrictAdmin() && roles.contains(ADMINISTRATOR);
        String courseId = custom(claims, platform.courseIdParameter()).orElse(null);
        if (!admin && !roles.contains(INSTRUCTOR)) {
            throw new LtiLaunchException(403, "launch_not_allowed",
                    "Grade sync status is for the course's teachers and the district's admins; your role in this "
                            + "Canvas course does not give access.");
        }
        if (!admin && (courseId == null || courseId.isBlank())) {
            throw LtiLaunchException.invalid("The launch does not say which Canvas course it comes from: add the "
                    + "custom field " + platform.courseIdParameter() + "=$Canvas.course.id to the developer key.");
        }
        String login = string(claims, "email").orElse(null);
        String name = login != null ? login : string(claims, "name").orElse(string(claims, "sub").orElse("unknown"));
        return new LtiLaunches.Session(platform.tenant(), courseId, admin, name, login);
    }

    private NewCookie cookie(String name, String value, String path, int maxAge) {
        boolean secure = config.ui().secureCookie();
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .httpOnly(true)
                .secure(secure)
                // The launch is a cross-site POST from Canvas: the state cookie must travel with it (over HTTPS).
                .sameSite(secure && STATE_COOKIE.equals(name) ? NewCookie.SameSite.NONE : NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }

    private URI base(UriInfo uri) {
        return config.publicUrl().orElseGet(() -> uri.getBaseUri().resolve("/"));
    }

    private static Optional<String> string(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static List<String> strings(JwtClaims claims, String name) {
        try {
            return claims.isClaimValueStringList(name) ? claims.getStringListClaimValue(name) : List.of();
        } catch (MalformedClaimException e) {
            return List.of();
        }
    }

    private static Optional<String> custom(JwtClaims claims, String parameter) {
        Object value = claims.getClaimValue(CLAIM + "custom");
        if (value instanceof Map<?, ?> custom && custom.get(parameter) != null) {
            return Optional.of(String.valueOf(custom.get(parameter)));
        }
        return Optional.empty();
    }
}
