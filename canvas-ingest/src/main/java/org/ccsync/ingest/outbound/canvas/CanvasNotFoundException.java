package org.ccsync.ingest.outbound.canvas;

/** Canvas answered 404: the object does not exist (any more), for example a deleted assignment. */
public class CanvasNotFoundException extends RuntimeException {

    public CanvasNotFoundException(String message) {
        super(message);
    }
}
