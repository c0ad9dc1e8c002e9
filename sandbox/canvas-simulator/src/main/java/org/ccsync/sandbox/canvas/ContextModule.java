package org.ccsync.sandbox.canvas;

import java.util.List;

/**
 * A course module holding assignments; its "assign to" overrides ({@link AssignmentOverride#fromModule()}) are
 * inherited by each of them, which are then visible only to the sections and students those overrides name.
 */
public record ContextModule(long id, long courseId, String name, List<Long> assignmentIds,
        List<AssignmentOverride> overrides) {

    public ContextModule {
        assignmentIds = List.copyOf(assignmentIds);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    ContextModule withOverrides(List<AssignmentOverride> value) {
        return new ContextModule(id, courseId, name, assignmentIds, value);
    }
}
