package org.ccsync.contracts;

/**
 * Deterministic OneRoster sourcedIds: plain name-based UUIDs, the GUID form OneRoster 1.2 expects, so no provider can
 * refuse their format. A rename or a points change keeps the id, so a PUT updates the same Infinite Campus item
 * instead of creating a duplicate.
 */
public final class SourcedIds {

    private SourcedIds() {
    }

    /** The lineItem of one Canvas assignment in one IC class (Canvas section). */
    public static String lineItem(String tenant, String assignmentId, String classSourcedId) {
        return EventIds.of("lineItem", tenant, assignmentId, classSourcedId);
    }

    /** The result of one student on one lineItem. */
    public static String result(String lineItemSourcedId, String studentSourcedId) {
        return EventIds.of("result", lineItemSourcedId, studentSourcedId);
    }
}
