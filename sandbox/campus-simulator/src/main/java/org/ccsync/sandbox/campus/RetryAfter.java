package org.ccsync.sandbox.campus;

import io.vertx.ext.web.RoutingContext;

/** Adds the configured Retry-After header to busy answers. */
final class RetryAfter {

    private RetryAfter() {
    }

    static void apply(RoutingContext ctx, CampusSettings settings) {
        Integer seconds = settings.retryAfterSeconds();
        if (seconds != null) {
            ctx.response().putHeader("Retry-After", Integer.toString(seconds));
        }
    }
}
