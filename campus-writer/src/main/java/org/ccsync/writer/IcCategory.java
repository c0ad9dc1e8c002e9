package org.ccsync.writer;

/** One active grading category of an IC class, as {@code GET /classes/{c}/categories} lists it. */
public record IcCategory(String sourcedId, String title) {
}
