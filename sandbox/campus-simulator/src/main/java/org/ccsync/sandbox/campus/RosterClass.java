package org.ccsync.sandbox.campus;

import java.util.List;

/** A rostered IC class (a Canvas section) with its school and terms, and its class code when it has one. */
record RosterClass(String sourcedId, String title, String schoolSourcedId, List<String> termSourcedIds,
                   String classCode) {

    RosterClass {
        termSourcedIds = List.copyOf(termSourcedIds);
    }

    RosterClass withClassCode(String code) {
        return new RosterClass(sourcedId, title, schoolSourcedId, termSourcedIds, code);
    }
}
