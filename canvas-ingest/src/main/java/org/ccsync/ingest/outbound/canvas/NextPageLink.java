package org.ccsync.ingest.outbound.canvas;

import jakarta.ws.rs.core.Link;
import java.net.URI;
import java.util.Objects;

/** The {@code Link rel="next"} of a Canvas answer, followed exactly as given (Canvas pages with opaque bookmarks). */
final class NextPageLink {

    private NextPageLink() {
    }

    /**
     * The next page's URL, or null; one on another host than the district's Canvas is refused so the token never
     * leaks.
     */
    static String of(Link next, String canvasBaseUrl) {
        if (next == null) {
            return null;
        }
        URI url = next.getUri();
        URI base = URI.create(canvasBaseUrl);
        if (!Objects.equals(url.getScheme(), base.getScheme()) || !Objects.equals(url.getHost(), base.getHost())
                || url.getPort() != base.getPort()) {
            throw new CanvasRequestException("Canvas pagination pointed to another host.");
        }
        return url.toString();
    }
}
