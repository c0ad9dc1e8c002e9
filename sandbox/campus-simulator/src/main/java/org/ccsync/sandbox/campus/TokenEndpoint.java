package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The OAuth2 client-credentials token endpoint at {@code /campus/oauth2/token?appName=...}. */
final class TokenEndpoint implements Handler<RoutingContext> {

    static final String DEFAULT_SCOPE = String.join(" ",
            "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput",
            "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly",
            "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete",
            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly");

    private final CampusSimulatorConfig config;
    private final TokenIssuer tokens;
    private final TrafficStats stats;

    TokenEndpoint(CampusSimulatorConfig config, TokenIssuer tokens, TrafficStats stats) {
        this.config = config;
        this.tokens = tokens;
        this.stats = stats;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
        if (!config.appName().equals(ctx.queryParams().get("appName"))) {
            oauthError(ctx, 401, "invalid_client", "unknown appName");
            return;
        }
        String grantType = ctx.request().getFormAttribute("grant_type");
        if (grantType == null) {
            oauthError(ctx, 400, "invalid_request", "grant_type is required (form-encoded body)");
            return;
        }
        if (!grantType.equals("client_credentials")) {
            oauthError(ctx, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        String[] credentials = credentials(ctx);
        if (credentials == null) {
            oauthError(ctx, 401, "invalid_client", "client credentials are required");
            return;
        }
        if (tokens.credentialsRejected() || !config.clientId().equals(credentials[0])
                || !config.clientSecret().equals(credentials[1])) {
            oauthError(ctx, 401, "invalid_client", "client authentication failed");
            return;
        }
        String scope = ctx.request().getFormAttribute("scope");
        ObjectNode body = CampusJson.object();
        body.put("access_token", tokens.issue());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.ttlSeconds());
        body.put("scope", scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope);
        stats.countToken();
        HttpReplies.json(ctx, 200, body);
    }

    /** Client id and secret from HTTP Basic auth, else from the form fields; null when neither is present. */
    private static String[] credentials(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {formDecode(decoded.substring(0, colon)), formDecode(decoded.substring(colon + 1))};
        }
        String id = ctx.request().getFormAttribute("client_id");
        String secret = ctx.request().getFormAttribute("client_secret");
        return id == null || secret == null ? null : new String[] {id, secret};
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static void oauthError(RoutingContext ctx, int status, String error, String description) {
        ObjectNode body = CampusJson.object();
        body.put("error", error);
        body.put("error_description", description);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"campus\"");
        }
        HttpReplies.json(ctx, status, body);
    }
}
