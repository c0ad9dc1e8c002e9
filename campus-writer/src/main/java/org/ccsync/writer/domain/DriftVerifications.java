package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.support.LogContext;
import org.ccsync.writer.lane.DistrictLane;
import org.ccsync.writer.lane.LaneRegistry;
import org.ccsync.writer.persistence.DriftRepository;
import org.ccsync.writer.persistence.HoldViews;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Runs course verifications off the consumer threads: after a full sync's Canvas reconciliation was published (once the
 * course's writes have settled in its lane, so the run's writes come first), and on demand. Also keeps the age of the
 * oldest open hold per district for the alert.
 */
@ApplicationScoped
public class DriftVerifications {

    private final CourseVerifier verifier;
    private final LaneRegistry lanes;
    private final HoldViews views;
    private final WriterMetrics metrics;
    private final WriterConfig.Drift settings;
    // Its own two threads, not the ManagedExecutor: a verification blocks for minutes on lane slots, two at most.
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "drift-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicLong> oldestHeldSeconds = new ConcurrentHashMap<>();

    public DriftVerifications(CourseVerifier verifier, LaneRegistry lanes, HoldViews views, WriterMetrics metrics,
            WriterConfig config) {
        this.verifier = verifier;
        this.lanes = lanes;
        this.views = views;
        this.metrics = metrics;
        this.settings = config.drift();
    }

    /** A full sync published Canvas's state of a course: verify it once its writes have settled. */
    public void runPublished(SyncRunProgressed run) {
        workers.execute(() -> {
            try (LogContext ignored = LogContext.open(run.tenant(), run.courseId(), run.eventId())) {
                awaitSettled(run.tenant(), run.courseId());
                verifyNow(run.tenant(), run.courseId(), run.trigger().name(), run.runId());
            } catch (RuntimeException e) {
                Log.warnf("verification of course %s/%s after run %s failed: %s", run.tenant(), run.courseId(),
                        run.runId(), e.getMessage());
            }
        });
    }

    /** A course's verification asked for through status-service, run off the consumer thread. */
    public void requested(String tenant, String courseId, String requestedBy) {
        workers.execute(() -> {
            try (LogContext ignored = LogContext.open(tenant, courseId, null)) {
                verifyNow(tenant, courseId, "ON_DEMAND", null);
            } catch (RuntimeException e) {
                Log.warnf("verification of course %s/%s asked for by %s failed: %s", tenant, courseId, requestedBy,
                        e.getMessage());
            }
        });
    }

    /** Verifies a course now, on the caller's thread (the on-demand API waits for the result). */
    @ActivateRequestContext
    public DriftRepository.Verification verifyNow(String tenant, String courseId, String trigger, String runId) {
        return verifier.verify(tenant, courseId, trigger, runId);
    }

    /** Refreshes the age of each district's oldest open hold ({@code ccsync_drift_held_oldest_age_seconds}). */
    @Scheduled(every = "${ccsync.drift.held-gauge-interval:60s}", concurrentExecution =
            Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void refreshHeldAges() {
        Map<String, Long> ages = new java.util.HashMap<>();
        for (Object[] row : views.oldestOpen()) {
            ages.put((String) row[0], Duration.between(DriftRepository.instant(row[1]), Instant.now()).toSeconds());
        }
        oldestHeldSeconds.forEach((tenant, age) -> age.set(ages.getOrDefault(tenant, 0L)));
        ages.forEach((tenant, age) -> oldestHeldSeconds.computeIfAbsent(tenant, t -> {
            AtomicLong gauge = new AtomicLong();
            metrics.gauge("ccsync.drift.held.oldest.age.seconds", t, gauge, AtomicLong::get);
            return gauge;
        }).set(age));
    }

    /** Waits until the course has no write in its lane and none arrived for the settle time (bounded). */
    private void awaitSettled(String tenant, String courseId) {
        Instant giveUp = Instant.now().plus(settings.settleMax());
        DistrictLane<?> lane = lanes.lane(tenant);
        while (Instant.now().isBefore(giveUp)) {
            Instant quietSince = lanes.lastArrival(tenant, courseId).orElse(Instant.EPOCH);
            if (!lane.busyWith(courseId) && quietSince.plus(settings.settle()).isBefore(Instant.now())) {
                return;
            }
            try {
                Thread.sleep(Math.min(250, settings.settle().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Log.warnf("course %s/%s kept writing for %s; verifying anyway", tenant, courseId, settings.settleMax());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
