package org.ccsync.sandbox.canvas;

/** A course section; its SIS id is the Infinite Campus class sourcedId (null when the section has none). */
public record Section(long id, long courseId, String name, String sisSectionId) {
}
