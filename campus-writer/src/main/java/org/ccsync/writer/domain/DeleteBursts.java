package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.persistence.HeldChanges;
import org.ccsync.writer.persistence.HoldViews;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Collects a course's lineItem deletes into bursts and judges each once it is quiet: an ordinary burst goes back on
 * campus-writes and is sent; a large or suspicious one is held, each delete reported as {@code held_for_approval}.
 * Collecting bursts left by a restart are judged again at start.
 */
@ApplicationScoped
public class DeleteBursts {

    private final HeldChanges holds;
    private final HoldViews views;
    private final CampusWriteRequeue requeue;
    private final OutcomePublisher publisher;
    private final WriterMetrics metrics;
    private final WriterConfig config;
    // A timer per burst's quiet time, set at run time: @Scheduled has fixed schedules, Vert.x timers the event loop.
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delete-bursts");
        thread.setDaemon(true);
        return thread;
    });

    public DeleteBursts(HeldChanges holds, HoldViews views, CampusWriteRequeue requeue, OutcomePublisher publisher,
            WriterMetrics metrics, WriterConfig config) {
        this.holds = holds;
        this.views = views;
        this.requeue = requeue;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        timer.schedule(() -> {
            try {
                holds.collecting().forEach(id -> judgeLater(id, null));
            } catch (RuntimeException e) {
                Log.warnf("could not look for collecting delete bursts: %s", e.getMessage());
            }
        }, 1, TimeUnit.SECONDS);
    }

    /**
     * Passes a lineItem delete through the gate; a collected one is judged once its burst is quiet. A delete that
     * joins a held hold shows on the hold at once (a course Canvas answers 404 for is held from its first delete).
     */
    public HeldChanges.Gated gate(DeleteLineItem command) {
        HeldChanges.Gated gated = holds.gate(command);
        if (gated.gate() == HeldChanges.Gate.COLLECTING) {
            judgeLater(gated.holdId(), command.tenant());
        } else if (gated.gate() == HeldChanges.Gate.HELD) {
            if (gated.opened()) {
                metrics.held(command.tenant(), command.reasonCode());
            }
            views.holdById(gated.holdId()).ifPresent(hold -> publisher.publish(HoldViews.changed(hold)));
        }
        return gated;
    }

    private void judgeLater(long holdId, String tenant) {
        long quiet = config.drift().deleteBurstQuiet().toMillis();
        timer.schedule(() -> judge(holdId, tenant), quiet + 50, TimeUnit.MILLISECONDS);
    }

    private void judge(long holdId, String knownTenant) {
        try {
            String tenant = knownTenant != null ? knownTenant
                    : views.holdById(holdId).map(HoldViews.Hold::tenant).orElse(null);
            if (tenant == null) {
                return;
            }
            WriterConfig.District district = config.districts().get(tenant);
            int threshold = district == null ? 10 : district.holdLineItemDeletes();
            int minForShare = district == null ? 3 : district.holdShareMinDeletes();
            Optional<HeldChanges.Settled> settled = holds.settle(holdId, threshold, minForShare,
                    config.drift().deleteBurstQuiet());
            if (settled.isEmpty()) {
                return;
            }
            if (settled.get().held()) {
                metrics.held(tenant, HeldChanges.LINE_ITEM_DELETES);
                views.holdById(holdId).ifPresent(hold -> publisher.publish(HoldViews.changed(hold)));
                for (CampusWrite command : settled.get().commands()) {
                    publisher.publish(held(command, holdId, "Held for a district admin (hold " + holdId + "): "
                            + settled.get().reason()));
                }
            } else {
                settled.get().commands().forEach(command -> requeue.release(command, command.eventId()));
            }
        } catch (RuntimeException e) {
            Log.warnf("judging delete burst %d failed, trying again: %s", holdId, e.getMessage());
            timer.schedule(() -> judge(holdId, knownTenant), 5, TimeUnit.SECONDS);
        }
    }

    /** The outcome of a held write: visible on the course page and the dashboard as {@code held_for_approval}. */
    static ItemFailed held(CampusWrite command, long holdId, String message) {
        return new ItemFailed(EventIds.of("held", command.eventId(), holdId), Instant.now(), command.tenant(),
                command.courseId(), command.sourceVersion(), HeldChanges.itemOf(command), HeldChanges.HELD_CODE,
                message, false);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
