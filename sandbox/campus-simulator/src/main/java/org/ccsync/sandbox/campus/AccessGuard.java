package org.ccsync.sandbox.campus;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Rejects calls without a valid bearer token and, for the gradebook, without the vendor header. */
final class AccessGuard implements Handler<RoutingContext> {

    static final String VENDOR_HEADER = "x-vendor-authorization";

    private final TokenIssuer tokens;
    private final String vendorAuthorization;

    /** @param vendorAuthorization the required vendor header value, or null when the header is not required */
    AccessGuard(TokenIssuer tokens, String vendorAuthorization) {
        this.tokens = tokens;
        this.vendorAuthorization = vendorAuthorization;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            reject(ctx, "Authorization: Bearer <access token> is required");
            return;
        }
        if (!tokens.isValid(authorization.substring(7).trim())) {
            reject(ctx, "the access token is invalid or expired");
            return;
        }
        if (vendorAuthorization != null) {
            String vendor = ctx.request().getHeader(VENDOR_HEADER);
            if (vendor == null) {
                reject(ctx, VENDOR_HEADER + " header is required for gradebook calls");
                return;
            }
            if (!vendor.equals(vendorAuthorization)) {
                reject(ctx, VENDOR_HEADER + " does not match the district's vendor key and secret");
                return;
            }
        }
        ctx.next();
    }

    private static void reject(RoutingContext ctx, String description) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"campus\"");
        HttpReplies.imsx(ctx, ImsxException.unauthorised(description));
    }
}
