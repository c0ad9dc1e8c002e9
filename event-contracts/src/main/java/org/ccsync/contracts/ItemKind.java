package org.ccsync.contracts;

/** The kind of item an outcome is about. */
public enum ItemKind {
    /** A whole course, for example when its Canvas token is rejected. */
    COURSE,
    /** A Canvas assignment before fan-out. */
    ASSIGNMENT,
    /** An IC lineItem: one assignment in one class. */
    LINE_ITEM,
    /** An IC result: one student's score on one lineItem. */
    RESULT
}
