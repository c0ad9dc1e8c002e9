package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The OAuth2 client-credentials token endpoint at {@code /campus/oauth2/token?appName=...}. It grants the OneRoster 1.2
 * scopes asked for (an unknown one is {@code invalid_scope}); a request without {@code scope} gets every scope unless
 * the district requires scopes. The Grade Book Sync client and, when set, a separate Roster client may ask for tokens.
 */
final class TokenEndpoint implements Handler<RoutingContext> {

    private final CampusSimulatorConfig config;
    private final TokenIssuer tokens;
    private final TrafficStats stats;
    private final CampusSettings settings;

    TokenEndpoint(CampusSimulatorConfig config, TokenIssuer tokens, TrafficStats stats, CampusSettings settings) {
        this.config = config;
        this.tokens = tokens;
        this.stats = stats;
        this.settings = settings;
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
        if (tokens.credentialsRejected() || !known(credentials)) {
            oauthError(ctx, 401, "invalid_client", "client authentication failed");
            return;
        }
        String scope = ctx.request().getFormAttribute("scope");
        Set<String> known = OneRosterContract.get().knownScopes();
        Set<String> granted;
        if (scope == null || scope.isBlank()) {
            if (settings.requireScopes()) {
                oauthError(ctx, 400, "invalid_scope", "scope is required: the OneRoster 1.2 scopes of the calls to make");
                return;
            }
            granted = known;
        } else {
            granted = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            for (String asked : granted) {
                if (!known.contains(asked)) {
                    oauthError(ctx, 400, "invalid_scope", "unknown scope " + asked);
                    return;
                }
            }
        }
        ObjectNode body = CampusJson.object();
        body.put("access_token", tokens.issue(credentials[0], granted, scope));
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.ttlSeconds());
        body.put("scope", String.join(" ", granted));
        stats.countToken();
        HttpReplies.json(ctx, 200, body);
    }

    private boolean known(String[] credentials) {
        if (config.clientId().equals(credentials[0])) {
            return config.clientSecret().equals(credentials[1]);
        }
        return credentials[0].equals(settings.rosteringClientId())
                && credentials[1].equals(settings.rosteringClientSecret());
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
