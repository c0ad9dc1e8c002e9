package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The simulated Canvas as an LTI 1.3 platform (IMS Security Framework): tools registered like developer keys, a
 * course-navigation launch that starts OIDC third-party login initiation at the tool, and the authorization endpoint
 * ({@code /api/lti/authorize_redirect}) that answers with an RS256 {@code id_token} signed by the keys published at
 * {@code /api/lti/security/jwks}. A launch can be made forged (signed by a key Canvas does not publish) or expired,
 * and the last launch can be posted again, as an attacker would replay it.
 */
final class LtiPlatform {

    static final String CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String ADMINISTRATOR = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
    static final String FORGED = "forged";
    static final String EXPIRED = "expired";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(10);

    private final CanvasStore store;
    private final SigningKeys keys;
    private final SimClock clock;
    private final Supplier<String> baseUrl;
    private final Map<String, Tool> tools = new ConcurrentHashMap<>();
    private final Map<String, PendingLaunch> pending = new ConcurrentHashMap<>();
    private final Set<Long> accountAdmins = ConcurrentHashMap.newKeySet();
    private volatile FormPost lastLaunch;

    LtiPlatform(CanvasStore store, SigningKeys keys, SimClock clock, Supplier<String> baseUrl) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** A tool as its developer key and deployment register it. */
    record Tool(String id, String name, String clientId, String deploymentId, String initiationUrl,
            String targetLinkUri, List<String> redirectUris, Map<String, String> customFields) {
    }

    /** A launch between the course navigation and the authorization request, keyed by its message hint. */
    private record PendingLaunch(Tool tool, long courseId, long userId, String fault, Instant startedAt) {
    }

    /** A form the browser posts to a URL, automatically. */
    record FormPost(String action, Map<String, String> fields) {
    }

    /** The platform's issuer: Instructure-hosted Canvas says {@code https://canvas.instructure.com}. */
    String issuer() {
        return baseUrl.get();
    }

    String authorizationUrl() {
        return baseUrl.get() + "/api/lti/authorize_redirect";
    }

    String jwksUrl() {
        return baseUrl.get() + CanvasRestRoutes.JWKS_PATH;
    }

    /**
     * Registers a tool (a developer key and its deployment): {@code name}, {@code oidcInitiationUrl},
     * {@code targetLinkUri}, {@code redirectUris}, optional {@code customFields}, {@code clientId} and
     * {@code deploymentId} (generated when absent).
     */
    Tool register(JsonNode body) {
        String initiation = text(body, "oidcInitiationUrl");
        String target = text(body, "targetLinkUri");
        if (initiation == null || target == null || !body.path("redirectUris").isArray()) {
            throw new IllegalArgumentException("oidcInitiationUrl, targetLinkUri and redirectUris are required");
        }
        List<String> redirects = new ArrayList<>();
        body.path("redirectUris").forEach(uri -> redirects.add(uri.asText()));
        Map<String, String> custom = new LinkedHashMap<>();
        body.path("customFields").fields().forEachRemaining(e -> custom.put(e.getKey(), e.getValue().asText()));
        String clientId = Optional.ofNullable(text(body, "clientId"))
                .orElse("1000000000" + String.format("%04d", tools.size() + 1));
        Tool tool = new Tool(clientId, Optional.ofNullable(text(body, "name")).orElse("External tool"), clientId,
                Optional.ofNullable(text(body, "deploymentId")).orElse(tools.size() + 1 + ":" + hash(clientId)),
                initiation, target, List.copyOf(redirects), custom);
        tools.put(tool.id(), tool);
        return tool;
    }

    List<Tool> tools() {
        return List.copyOf(tools.values());
    }

    /** Makes a user an account admin: their launches carry the institution Administrator role. */
    void addAccountAdmin(long userId) {
        store.user(userId).orElseThrow(() -> new UnknownResourceException("user " + userId));
        accountAdmins.add(userId);
    }

    /**
     * Starts a course-navigation launch of the tool by the user: the OIDC login initiation the browser posts to the
     * tool. {@code fault} is null, {@link #FORGED} or {@link #EXPIRED}.
     */
    FormPost startLaunch(String toolId, long courseId, long userId, String fault) {
        Tool tool = Optional.ofNullable(tools.get(toolId)).orElseThrow(() -> new UnknownResourceException("tool"));
        store.course(courseId).orElseThrow(() -> new UnknownResourceException("course " + courseId));
        store.user(userId).orElseThrow(() -> new UnknownResourceException("user " + userId));
        if (fault != null && !FORGED.equals(fault) && !EXPIRED.equals(fault)) {
            throw new IllegalArgumentException("sim_fault must be forged or expired");
        }
        String hint = UUID.randomUUID().toString();
        pending.put(hint, new PendingLaunch(tool, courseId, userId, fault, clock.now()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("iss", issuer());
        fields.put("login_hint", String.valueOf(userId));
        fields.put("target_link_uri", tool.targetLinkUri());
        fields.put("lti_message_hint", hint);
        fields.put("client_id", tool.clientId());
        fields.put("lti_deployment_id", tool.deploymentId());
        return new FormPost(tool.initiationUrl(), fields);
    }

    /**
     * The authorization endpoint: checks the tool's authentication request against the launch it continues and
     * answers with the signed {@code id_token} posted to the registered redirect URI.
     *
     * @throws IllegalArgumentException when the request is not one this platform would answer
     */
    FormPost authorize(Map<String, String> params) {
        require("openid".equals(params.get("scope")), "scope must be openid");
        require("id_token".equals(params.get("response_type")), "response_type must be id_token");
        require("form_post".equals(params.get("response_mode")), "response_mode must be form_post");
        require("none".equals(params.get("prompt")), "prompt must be none");
        require(params.get("nonce") != null && !params.get("nonce").isBlank(), "nonce is required");
        PendingLaunch launch = pending.remove(String.valueOf(params.get("lti_message_hint")));
        require(launch != null, "lti_message_hint is unknown or used");
        require(!launch.startedAt().plus(LAUNCH_TIMEOUT).isBefore(clock.now()), "the launch timed out");
        Tool tool = launch.tool();
        require(tool.clientId().equals(params.get("client_id")), "client_id does not match the launch");
        require(tool.redirectUris().contains(params.get("redirect_uri")), "redirect_uri is not registered");
        require(String.valueOf(launch.userId()).equals(params.get("login_hint")), "login_hint does not match");
        String idToken = sign(claims(launch, params.get("nonce")), launch.fault());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id_token", idToken);
        if (params.get("state") != null) {
            fields.put("state", params.get("state"));
        }
        FormPost post = new FormPost(params.get("redirect_uri"), fields);
        lastLaunch = post;
        return post;
    }

    /** The last launch's post, to send again as a replay. */
    Optional<FormPost> lastLaunch() {
        return Optional.ofNullable(lastLaunch);
    }

    private ObjectNode claims(PendingLaunch launch, String nonce) {
        Tool tool = launch.tool();
        Course course = store.course(launch.courseId()).orElseThrow();
        CanvasUser user = store.user(launch.userId()).orElseThrow();
        Instant issued = clock.now();
        if (EXPIRED.equals(launch.fault())) {
            issued = issued.minus(TOKEN_LIFETIME.multipliedBy(2));
        }
        ObjectNode claims = CanvasJson.object();
        claims.put("iss", issuer());
        claims.put("aud", tool.clientId());
        claims.put("azp", tool.clientId());
        claims.put("sub", hash("user-" + user.id()));
        claims.put("iat", issued.getEpochSecond());
        claims.put("exp", issued.plus(TOKEN_LIFETIME).getEpochSecond());
        claims.put("nonce", nonce);
        claims.put("name", user.name());
        claims.put("email", user.loginId());
        claims.put("locale", "en");
        claims.put(CLAIM + "message_type", "LtiResourceLinkRequest");
        claims.put(CLAIM + "version", "1.3.0");
        claims.put(CLAIM + "deployment_id", tool.deploymentId());
        claims.put(CLAIM + "target_link_uri", tool.targetLinkUri());
        ObjectNode link = claims.putObject(CLAIM + "resource_link");
        link.put("id", hash("link-" + tool.id() + "-" + course.id()));
        link.put("title", tool.name());
        ArrayNode roles = claims.putArray(CLAIM + "roles");
        roles(launch.courseId(), user.id()).forEach(roles::add);
        ObjectNode context = claims.putObject(CLAIM + "context");
        context.put("id", hash("course-" + course.id()));
        context.put("label", course.courseCode());
        context.put("title", course.name());
        context.putArray("type").add("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering");
        ObjectNode platform = claims.putObject(CLAIM + "tool_platform");
        platform.put("guid", hash("platform"));
        platform.put("name", "Simulated Canvas");
        platform.put("product_family_code", "canvas");
        platform.put("version", "cloud");
        ObjectNode presentation = claims.putObject(CLAIM + "launch_presentation");
        presentation.put("document_target", "window");
        presentation.put("return_url", baseUrl.get() + "/courses/" + course.id());
        ObjectNode lis = claims.putObject(CLAIM + "lis");
        lis.put("person_sourcedid", user.sisUserId());
        lis.put("course_offering_sourcedid", course.sisCourseId());
        ObjectNode custom = claims.putObject(CLAIM + "custom");
        tool.customFields().forEach((name, value) -> custom.put(name, substitute(value, course, user)));
        claims.put("https://www.instructure.com/placement", "course_navigation");
        return claims;
    }

    private List<String> roles(long courseId, long userId) {
        List<String> roles = new ArrayList<>();
        for (Enrollment enrollment : store.enrollments(courseId, userId)) {
            String role = enrollment.student() ? LEARNER : INSTRUCTOR;
            if (!roles.contains(role)) {
                roles.add(role);
            }
            String institution = enrollment.student()
                    ? "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"
                    : "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor";
            if (!roles.contains(institution)) {
                roles.add(institution);
            }
        }
        if (accountAdmins.contains(userId)) {
            roles.add(ADMINISTRATOR);
        }
        roles.add("http://purl.imsglobal.org/vocab/lis/v2/system/person#User");
        return roles;
    }

    /** Canvas's variable substitution for the custom fields this simulator knows. */
    private static String substitute(String value, Course course, CanvasUser user) {
        return switch (value) {
            case "$Canvas.course.id" -> String.valueOf(course.id());
            case "$Canvas.course.sisSourceId" -> course.sisCourseId();
            case "$Canvas.user.id" -> String.valueOf(user.id());
            case "$Canvas.user.loginId" -> user.loginId();
            default -> value;
        };
    }

    private String sign(ObjectNode claims, String fault) {
        if (!FORGED.equals(fault)) {
            return keys.sign(CanvasJson.write(claims));
        }
        // An attacker's key, with the key id of the one Canvas signs with: only the signature gives it away.
        try {
            RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(CanvasJson.write(claims));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(keys.currentKeyId());
            jws.setHeader("typ", "JWT");
            jws.setKey(attacker.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a forged launch", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
