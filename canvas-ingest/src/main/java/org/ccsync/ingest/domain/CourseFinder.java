package org.ccsync.ingest.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.ccsync.ingest.inbound.IncrementalPoller;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.persistence.IngestStateRepository;

/**
 * Finds the course of an assignment that a Live Event names without its course (Canvas raises override events of a
 * background job, such as a content migration or a blueprint sync, without course context): first the course this
 * service last read it in, else a scoped sweep that asks Canvas for the assignment in each course the district
 * syncs, one call per course, until one has it.
 */
@ApplicationScoped
public class CourseFinder {

    private final IngestStateRepository state;
    private final IncrementalPoller poller;
    private final CanvasClient canvas;

    public CourseFinder(IngestStateRepository state, IncrementalPoller poller, CanvasClient canvas) {
        this.state = state;
        this.poller = poller;
        this.canvas = canvas;
    }

    /** The course of the assignment among those the district syncs, or empty when none has it. */
    public Optional<String> courseOf(String tenant, String assignmentId) {
        Optional<String> known = state.courseOfAssignment(tenant, assignmentId);
        if (known.isPresent()) {
            return known;
        }
        for (String courseId : poller.coursesToSync(tenant)) {
            if (canvas.assignment(tenant, courseId, assignmentId).isPresent()) {
                Log.infof("assignment %s of district %s found in course %s by a sweep of its courses", assignmentId,
                        tenant, courseId);
                return Optional.of(courseId);
            }
        }
        return Optional.empty();
    }
}
