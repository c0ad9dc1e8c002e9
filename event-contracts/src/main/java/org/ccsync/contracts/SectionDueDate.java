package org.ccsync.contracts;

import java.time.Instant;

/** The effective due date of an assignment in one section it targets; {@code dueAt} may be null. */
public record SectionDueDate(String sectionId, String sisSectionId, Instant dueAt) {
}
