package org.ccsync.sandbox.campus;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects calls without a valid bearer token of the service's client and, for the gradebook, without the vendor
 * header. When the district has a separate rostering client (IC sells Roster and Grade Book connections apart), each
 * service accepts only tokens issued to its own client.
 */
final class AccessGuard implements Handler<RoutingContext> {

    static final String VENDOR_HEADER = "x-vendor-authorization";

    private final TokenIssuer tokens;
    private final CampusSettings settings;
    private final CampusSimulatorConfig config;
    private final boolean gradebook;

    AccessGuard(TokenIssuer tokens, CampusSettings settings, CampusSimulatorConfig config, boolean gradebook) {
        this.tokens = tokens;
        this.settings = settings;
        this.config = config;
        this.gradebook = gradebook;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            reject(ctx, "Authorization: Bearer <access token> is required");
            return;
        }
        TokenIssuer.Grant grant = tokens.grant(authorization.substring(7).trim()).orElse(null);
        if (grant == null) {
            reject(ctx, "the access token is invalid or expired");
            return;
        }
        String rosteringClient = settings.rosteringClientId();
        if (rosteringClient != null) {
            String expected = gradebook ? config.clientId() : rosteringClient;
            if (!expected.equals(grant.clientId())) {
                reject(ctx, "the access token was not issued to this district's "
                        + (gradebook ? "Grade Book Sync" : "Roster") + " connection");
                return;
            }
        }
        if (gradebook) {
            String vendor = ctx.request().getHeader(VENDOR_HEADER);
            if (vendor == null) {
                reject(ctx, VENDOR_HEADER + " header is required for gradebook calls");
                return;
            }
            if (!vendor.equals(config.vendorAuthorization())) {
                reject(ctx, VENDOR_HEADER + " does not match the district's vendor key and secret");
                return;
            }
        }
        ctx.put(ContractGuard.GRANT, grant);
        ctx.next();
    }

    private static void reject(RoutingContext ctx, String description) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"campus\"");
        HttpReplies.imsx(ctx, ImsxException.unauthorised(description));
    }
}
