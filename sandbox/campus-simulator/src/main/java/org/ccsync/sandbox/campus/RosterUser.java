package org.ccsync.sandbox.campus;

import java.util.List;

/**
 * A student known to the roster, with the ids other systems know them by: {@code identifier} (the district's student
 * number), {@code userIds} and, after a district moved from OneRoster 1.1 to 1.2, the 1.1 sourcedId kept in
 * {@code metadata.ic.legacysourceId}.
 */
record RosterUser(String sourcedId, String givenName, String familyName, String identifier, String legacySourcedId,
                  List<String> userIds) {

    RosterUser {
        userIds = List.copyOf(userIds);
    }

    /** Derives a name from the sourcedId: {@code STU-5001} becomes "Student 5001". */
    static RosterUser student(String sourcedId) {
        String family = sourcedId.startsWith("STU-") ? sourcedId.substring(4) : sourcedId;
        return new RosterUser(sourcedId, "Student", family, null, null, List.of());
    }

    RosterUser withIds(String newIdentifier, String newLegacySourcedId, List<String> newUserIds) {
        return new RosterUser(sourcedId, givenName, familyName, newIdentifier, newLegacySourcedId, newUserIds);
    }
}
