package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Slices a list into Canvas pages and builds the Link header with absolute URLs: numbered pages ({@code page},
 * {@code per_page}, with {@code last}), or, for Canvas's {@code BookmarkedCollection}, opaque bookmarks
 * ({@code page=bookmark:...} after the last item shown, {@code page=first}, no {@code last}).
 */
final class Paginator {

    static final int DEFAULT_PER_PAGE = 10;
    static final int MAX_PER_PAGE = 100;
    static final String BOOKMARK_PREFIX = "bookmark:";
    static final String FIRST = "first";

    /** One page of items and its Link header. */
    record Page<T>(List<T> items, String link) {
    }

    private Paginator() {
    }

    static <T> Page<T> page(List<T> all, HttpServerRequest request, String fallbackBaseUrl) {
        int perPage = perPage(request);
        int page = Math.max(1, intParam(request.getParam("page"), 1));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        String base = baseUrl(request, fallbackBaseUrl);
        List<String> links = new ArrayList<>();
        links.add(link(base, Integer.toString(page), perPage, "current"));
        if (page < last) {
            links.add(link(base, Integer.toString(page + 1), perPage, "next"));
        }
        if (page > 1) {
            links.add(link(base, Integer.toString(Math.min(page - 1, last)), perPage, "prev"));
        }
        links.add(link(base, "1", perPage, "first"));
        links.add(link(base, Integer.toString(last), perPage, "last"));
        return new Page<>(List.copyOf(all.subList(from, to)), String.join(",", links));
    }

    /**
     * A page of a bookmarked collection: {@code sorted} is in the order {@code keyOrder} gives to the items' keys, and
     * the page holds the items after the bookmark's key. A {@code page} that is not a valid bookmark (a page number,
     * {@code first}, nothing) starts at the first item, as Canvas's bookmarker does, so a client that counts pages
     * instead of following {@code next} never gets past the first one.
     */
    static <T> Page<T> bookmarked(List<T> sorted, Function<T, ArrayNode> keyOf, Comparator<JsonNode> keyOrder,
            HttpServerRequest request, String fallbackBaseUrl) {
        int perPage = perPage(request);
        String pageParam = request.getParam("page");
        JsonNode bookmark = decode(pageParam);
        int from = 0;
        if (bookmark != null) {
            while (from < sorted.size() && keyOrder.compare(keyOf.apply(sorted.get(from)), bookmark) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + perPage);
        List<T> items = List.copyOf(sorted.subList(from, to));
        String base = baseUrl(request, fallbackBaseUrl);
        List<String> links = new ArrayList<>();
        links.add(link(base, bookmark == null ? FIRST : pageParam, perPage, "current"));
        if (to < sorted.size()) {
            links.add(link(base, encode(keyOf.apply(items.get(items.size() - 1))), perPage, "next"));
        }
        links.add(link(base, FIRST, perPage, "first"));
        return new Page<>(items, String.join(",", links));
    }

    /** {@code bookmark:} and the key as unpadded URL-safe base64 of its JSON, like Canvas's {@code JSONToken}. */
    static String encode(ArrayNode key) {
        return BOOKMARK_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(CanvasJson.write(key).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decode(String page) {
        if (page == null || !page.startsWith(BOOKMARK_PREFIX)) {
            return null;
        }
        try {
            JsonNode key = CanvasJson.parse(new String(Base64.getUrlDecoder()
                    .decode(page.substring(BOOKMARK_PREFIX.length())), StandardCharsets.UTF_8));
            return key.isArray() ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int perPage(HttpServerRequest request) {
        return Math.min(MAX_PER_PAGE, Math.max(1, intParam(request.getParam("per_page"), DEFAULT_PER_PAGE)));
    }

    private static String link(String base, String page, int perPage, String rel) {
        String separator = base.contains("?") ? "&" : "?";
        return "<" + base + separator + "page=" + page + "&per_page=" + perPage + ">; rel=\"" + rel + "\"";
    }

    /** The request URL, absolute, with every query parameter except page and per_page kept as sent. */
    private static String baseUrl(HttpServerRequest request, String fallbackBaseUrl) {
        String host = request.getHeader("Host");
        String origin = host == null || host.isBlank() ? fallbackBaseUrl : "http://" + host;
        StringBuilder url = new StringBuilder(origin).append(request.path());
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            List<String> kept = new ArrayList<>();
            for (String pair : query.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!pair.isEmpty() && !name.equals("page") && !name.equals("per_page")) {
                    kept.add(pair);
                }
            }
            if (!kept.isEmpty()) {
                url.append('?').append(String.join("&", kept));
            }
        }
        return url.toString();
    }

    private static int intParam(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
