package org.ccsync.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A Canvas assignment override.
 *
 * @param type {@code ADHOC}, {@code CourseSection}, {@code Group}, {@code Noop} (MasteryPaths) or {@code Course}
 * @param sectionId the local section id of a {@code CourseSection} override
 * @param studentIds the local user ids of an {@code ADHOC} override
 */
public record AssignmentOverride(String id, String type, String sectionId, Instant dueAt, List<String> studentIds) {
}
