package org.ccsync.sandbox.campus;

/** A student known to the roster. */
record RosterUser(String sourcedId, String givenName, String familyName) {

    /** Derives a name from the sourcedId: {@code STU-5001} becomes "Student 5001". */
    static RosterUser student(String sourcedId) {
        String family = sourcedId.startsWith("STU-") ? sourcedId.substring(4) : sourcedId;
        return new RosterUser(sourcedId, "Student", family);
    }
}
