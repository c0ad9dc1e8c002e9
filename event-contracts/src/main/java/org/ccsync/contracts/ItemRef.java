package org.ccsync.contracts;

/**
 * The item an outcome is about. Fields that do not apply to the kind are null.
 *
 * @param sourcedId the IC sourcedId of a lineItem or result
 * @param title the assignment name, for people reading the outcome
 */
public record ItemRef(
        ItemKind kind,
        String assignmentId,
        String userId,
        String classSourcedId,
        String sourcedId,
        String title) {
}
