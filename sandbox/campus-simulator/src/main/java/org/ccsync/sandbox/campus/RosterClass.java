package org.ccsync.sandbox.campus;

import java.util.List;

/** A rostered IC class (a Canvas section) with its school and terms. */
record RosterClass(String sourcedId, String title, String schoolSourcedId, List<String> termSourcedIds) {

    RosterClass {
        termSourcedIds = List.copyOf(termSourcedIds);
    }
}
