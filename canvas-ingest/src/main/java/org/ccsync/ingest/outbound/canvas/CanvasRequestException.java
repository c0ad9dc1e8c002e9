package org.ccsync.ingest.outbound.canvas;

/** Canvas refused a request with a client error other than 401, 404 or throttling; retrying cannot help. */
public class CanvasRequestException extends RuntimeException {

    public CanvasRequestException(String message) {
        super(message);
    }
}
