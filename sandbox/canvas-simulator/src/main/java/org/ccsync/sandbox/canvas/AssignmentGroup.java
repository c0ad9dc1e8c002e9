package org.ccsync.sandbox.canvas;

/** An assignment group of a course (the source for category mapping). */
public record AssignmentGroup(long id, long courseId, String name, int position, double groupWeight,
        String sisSourceId) {
}
