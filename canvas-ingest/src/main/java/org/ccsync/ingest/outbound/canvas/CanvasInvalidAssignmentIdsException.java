package org.ccsync.ingest.outbound.canvas;

/**
 * Canvas refused a {@code students/submissions} read because an assignment it names is not published (or no longer
 * exists): 403 {@code {"error": "invalid assignment ids requested"}} for the whole request
 * ({@code submissions_api_controller.rb}, {@code for_students}).
 */
public class CanvasInvalidAssignmentIdsException extends CanvasRequestException {

    public CanvasInvalidAssignmentIdsException(String message) {
        super(message);
    }
}
