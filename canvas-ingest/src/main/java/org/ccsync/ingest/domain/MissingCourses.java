package org.ccsync.ingest.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.ingest.outbound.ChangePublisher;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.outbound.canvas.CanvasNotFoundException;

/**
 * A course Canvas answers 404 for. A deleted course, a wrong {@code canvas-base-url} or a token that lost the course
 * all read that way, so this is never taken as "every assignment deleted": the course is reported once as not found
 * (a {@link RosterChanged#notFound} roster), eligibility turns that into lineItem deletes marked
 * {@code course_not_found}, and campus-writer holds those for a district admin.
 */
@ApplicationScoped
public class MissingCourses {

    private final CanvasClient canvas;
    private final ChangePublisher changes;

    public MissingCourses(CanvasClient canvas, ChangePublisher changes) {
        this.canvas = canvas;
        this.changes = changes;
    }

    /**
     * Called when a read of the course failed with 404: asks Canvas for the course itself, and when that is 404 too,
     * publishes the course as not found.
     *
     * @return whether the course is gone (and was reported); false when Canvas still serves the course, so the 404
     *     was about something inside it and the caller handles it as before
     */
    public boolean reportIfGone(String tenant, String courseId, CanvasNotFoundException failure) {
        try {
            canvas.course(tenant, courseId);
            return false;
        } catch (CanvasNotFoundException gone) {
            Log.warnf("Canvas answers 404 for course %s/%s (%s); nothing is deleted in Infinite Campus: the deletes "
                    + "this would cause are held for a district admin", tenant, courseId, failure.getMessage());
            changes.publish(RosterChanged.notFound(tenant, courseId, System.currentTimeMillis()));
            return true;
        }
    }
}
