package org.ccsync.writer.outbound.ic;

/** One active grading category of an IC class, as {@code GET /classes/{c}/categories} lists it. */
public record IcCategory(String sourcedId, String title) {
}
