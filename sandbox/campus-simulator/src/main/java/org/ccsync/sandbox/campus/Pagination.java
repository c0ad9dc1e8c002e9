package org.ccsync.sandbox.campus;

import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Supplier;

/** OneRoster collection paging: limit/offset parameters, X-Total-Count and a Link rel="next" header. */
final class Pagination {

    static final int DEFAULT_LIMIT = 100;

    private final Supplier<String> baseUrl;

    Pagination(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Returns the requested page of {@code all} and sets the paging headers on the response. */
    <T> List<T> page(RoutingContext ctx, List<T> all) {
        int limit = parse(ctx, "limit", DEFAULT_LIMIT, 1);
        int offset = parse(ctx, "offset", 0, 0);
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        ctx.response().putHeader("X-Total-Count", Integer.toString(all.size()));
        if (to < all.size()) {
            String next = baseUrl.get() + ctx.request().path() + "?limit=" + limit + "&offset=" + to;
            ctx.response().putHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return all.subList(from, to);
    }

    private static int parse(RoutingContext ctx, String name, int fallback, int minimum) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ImsxException.badRequest(name + " must be an integer >= " + minimum + " but was \"" + raw + "\"");
    }
}
