package org.ccsync.sandbox.canvas;

/** A Canvas course; workflow state is {@code available} (published) or {@code unpublished}. */
public record Course(long id, String name, String courseCode, String sisCourseId, String workflowState,
        long accountId) {

    public boolean published() {
        return "available".equals(workflowState);
    }
}
