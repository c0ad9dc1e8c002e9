package org.ccsync.sandbox.campus;

/** A gradebook category of one class; weight may be null. */
record RosterCategory(String sourcedId, String title, Double weight) {
}
