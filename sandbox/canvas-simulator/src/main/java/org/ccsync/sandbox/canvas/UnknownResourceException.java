package org.ccsync.sandbox.canvas;

/** Thrown when a course, assignment, user or submission does not exist (Canvas answers 404). */
public final class UnknownResourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownResourceException(String message) {
        super(message);
    }
}
