package org.ccsync.ingest.outbound.canvas;

/** Canvas stayed throttled, failing or unparseable through every attempt; a later retry may succeed. */
public class CanvasUnavailableException extends RuntimeException {

    public CanvasUnavailableException(String message) {
        super(message);
    }
}
