package org.ccsync.contracts;

/** What a Canvas Live Event says has changed, and so what must be re-read over REST. */
public enum ChangeScope {
    /** An assignment, its overrides or its group. */
    ASSIGNMENT,
    /** One or more scores of an assignment. */
    SCORE,
    /** Sections and enrollments. */
    ROSTER,
    /** Assignment groups (categories). */
    ASSIGNMENT_GROUP
}
