package org.ccsync.ingest.outbound.canvas;

/** Canvas answered 401: the district's token is invalid or expired; retrying cannot help. */
public class CanvasTokenRejectedException extends RuntimeException {

    public CanvasTokenRejectedException(String message) {
        super(message);
    }
}
