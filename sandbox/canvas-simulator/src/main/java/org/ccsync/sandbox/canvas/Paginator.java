package org.ccsync.sandbox.canvas;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Slices a list into Canvas pages ({@code page}, {@code per_page}) and builds the Link header with absolute URLs. */
final class Paginator {

    static final int DEFAULT_PER_PAGE = 10;
    static final int MAX_PER_PAGE = 100;

    /** One page of items and its Link header. */
    record Page<T>(List<T> items, String link) {
    }

    private Paginator() {
    }

    static <T> Page<T> page(List<T> all, HttpServerRequest request, String fallbackBaseUrl) {
        int perPage = Math.min(MAX_PER_PAGE, Math.max(1, intParam(request.getParam("per_page"), DEFAULT_PER_PAGE)));
        int page = Math.max(1, intParam(request.getParam("page"), 1));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        String base = baseUrl(request, fallbackBaseUrl);
        List<String> links = new ArrayList<>();
        links.add(link(base, page, perPage, "current"));
        if (page < last) {
            links.add(link(base, page + 1, perPage, "next"));
        }
        if (page > 1) {
            links.add(link(base, Math.min(page - 1, last), perPage, "prev"));
        }
        links.add(link(base, 1, perPage, "first"));
        links.add(link(base, last, perPage, "last"));
        return new Page<>(List.copyOf(all.subList(from, to)), String.join(",", links));
    }

    private static String link(String base, int page, int perPage, String rel) {
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
