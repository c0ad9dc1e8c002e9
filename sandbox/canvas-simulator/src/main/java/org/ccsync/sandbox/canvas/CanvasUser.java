package org.ccsync.sandbox.canvas;

/** A Canvas user (student or teacher); the SIS user id may be null. */
public record CanvasUser(long id, String name, String sisUserId, String loginId) {
}
