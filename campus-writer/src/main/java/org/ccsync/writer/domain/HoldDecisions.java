package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.persistence.HeldChanges;
import org.ccsync.writer.persistence.HoldViews;

/**
 * Carries out a decision on a hold and publishes what it did: released writes go back on campus-writes and are sent;
 * discarded ones are never sent, and each item is reported as still in IC. A {@code course_not_found} hold is
 * discarded by itself once Canvas answers for its course again.
 */
@ApplicationScoped
public class HoldDecisions {

    /** Who discarded a course's hold when Canvas answered for the course again. */
    static final String COURSE_IS_BACK = "automatic: Canvas answers for the course again";

    private final HeldChanges holds;
    private final HoldViews views;
    private final CampusWriteRequeue requeue;
    private final OutcomePublisher publisher;

    public HoldDecisions(HeldChanges holds, HoldViews views, CampusWriteRequeue requeue, OutcomePublisher publisher) {
        this.holds = holds;
        this.views = views;
        this.requeue = requeue;
        this.publisher = publisher;
    }

    /** Releases a hold: its writes go back on campus-writes and are sent. */
    @ActivateRequestContext
    public boolean release(String tenant, long holdId, String by) {
        var decided = holds.release(tenant, holdId, by);
        if (decided.isEmpty()) {
            return false;
        }
        var released = decided.get();
        released.forEach(command -> requeue.release(command, command.eventId()));
        views.hold(tenant, holdId).ifPresent(hold -> publisher.publish(HoldViews.changed(hold)));
        Log.infof("hold %d of district %s released by %s: %d writes sent", holdId, tenant, by, released.size());
        return true;
    }

    /** Discards a hold: its writes are never sent, and each item is reported as still in IC. */
    @ActivateRequestContext
    public boolean discard(String tenant, long holdId, String by) {
        if (!holds.discard(tenant, holdId, by)) {
            return false;
        }
        for (CampusWrite command : holds.commandsOf(holdId)) {
            publisher.publish(new ItemWritten(EventIds.of("hold-discarded", holdId, command.eventId()), Instant.now(),
                    command.tenant(), command.courseId(), command.sourceVersion(), HeldChanges.itemOf(command),
                    CampusWriter.UNCHANGED, null, null, null, command.occurredAt()));
        }
        views.hold(tenant, holdId).ifPresent(hold -> publisher.publish(HoldViews.changed(hold)));
        Log.infof("hold %d of district %s discarded by %s: Infinite Campus stays as it is", holdId, tenant, by);
        return true;
    }

    /**
     * A lineItem of the course is written again, so Canvas answers for the course: the deletes held because it did
     * not are moot, and are discarded (IC kept everything).
     */
    public void courseAnswersAgain(String tenant, String courseId) {
        for (long holdId : holds.openCourseNotFound(tenant, courseId)) {
            discard(tenant, holdId, COURSE_IS_BACK);
        }
    }
}
