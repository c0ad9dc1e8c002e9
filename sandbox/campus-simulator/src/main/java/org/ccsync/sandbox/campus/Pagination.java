package org.ccsync.sandbox.campus;

import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * OneRoster collection paging: limit/offset parameters, the total in X-Total-Count, and a Link header with the next,
 * last, first and prev pages (the binding's links).
 */
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
        List<String> links = new ArrayList<>();
        String base = baseUrl.get() + ctx.request().path() + "?limit=" + limit + "&offset=";
        if (to < all.size()) {
            links.add("<" + base + to + ">; rel=\"next\"");
            links.add("<" + base + (all.size() - 1) / limit * limit + ">; rel=\"last\"");
        }
        if (from > 0) {
            links.add("<" + base + 0 + ">; rel=\"first\"");
            links.add("<" + base + Math.max(0, from - limit) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            ctx.response().putHeader("Link", String.join(", ", links));
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
