package org.ccsync.contracts;

/** A Canvas assignment group, the source of the IC category mapping. */
public record AssignmentGroupRef(String id, String name, String sisSourceId) {
}
