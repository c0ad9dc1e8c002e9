package org.ccsync.writer.lane;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.writer.outbound.ic.DistrictCircuit;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One district's writes in this replica, dispatched from its {@link LaneQueue} (Kafka order per lineItem, coalescing)
 * up to its {@link SlotCap} of IC calls at once (the load window's cap; paused while the circuit is open), and only
 * while it holds its {@link DistrictLock} across replicas. Each job runs its {@link TwoPhaseWork}: prepared without an
 * IC slot, a few jobs ahead of the slots, so that a freed slot goes straight to the next IC call; then it holds a slot
 * until it reports its IC calls done, while its bookkeeping (ledger row, outcome, ack) runs on beside the next job's
 * IC call. A long queue pauses its Kafka partition through {@link Backpressure}.
 *
 * @param <P> the plan a job's preparation hands its IC phase
 */
public final class DistrictLane<P> {

    /** Pauses the Kafka partition of a lane whose queue is too long, and resumes it. */
    public interface Backpressure {

        void congested(DistrictLane<?> lane, TopicPartition partition);

        void relieved(DistrictLane<?> lane, TopicPartition partition);
    }

    /** Queue and lock tuning. */
    public record Settings(int highWater, Duration lockRetryInitial, Duration lockRetryMax, Duration lockLinger,
            Duration lockCheckInterval) {
    }

    /** Jobs prepared (or being prepared) ahead, per IC slot. */
    static final int PREPARED_PER_SLOT = 2;

    /** Jobs past their IC calls that may still be finishing their bookkeeping, per IC slot. */
    static final int BOOKKEEPING_PER_SLOT = 4;

    private final String tenant;
    private final TwoPhaseWork<P> work;
    private final Backpressure backpressure;
    private final Consumer<Duration> waited;
    private final Executor workers;
    private final int highWater;
    private final int batchMax;
    private final LaneQueue<P> jobs;
    private final SlotCap cap;
    private final DistrictLock lock;
    private final Set<TopicPartition> partitions = new HashSet<>();
    private int inFlight;
    private int borrowers;
    private int waitingBorrowers;
    private boolean congested;
    private boolean closed;

    /**
     * @param window the district's load window: its cap of IC calls at once right now
     * @param batchMax how many prepared jobs of one batch key share a slot (1: no batches); the lane then prepares up
     *        to {@code batchMax} more jobs ahead per slot (still at most {@link #PREPARED_PER_SLOT} at once)
     */
    public DistrictLane(String tenant, IntSupplier window, DistrictCircuit circuit, LockSession lockSession,
            TwoPhaseWork<P> work, Backpressure backpressure, Consumer<Duration> waited, Executor workers,
            ScheduledExecutorService timers, Settings settings, int batchMax) {
        this.tenant = tenant;
        this.work = work;
        this.backpressure = backpressure;
        this.waited = waited;
        this.workers = workers;
        this.highWater = settings.highWater();
        this.batchMax = Math.max(1, batchMax);
        this.jobs = new LaneQueue<>(tenant);
        this.cap = new SlotCap(tenant, window, circuit, timers, this, this::pump);
        this.lock = new DistrictLock(tenant, lockSession, this, this::pump, this::idle, workers, timers,
                new DistrictLock.Timing(settings.lockRetryInitial(), settings.lockRetryMax(), settings.lockLinger(),
                        settings.lockCheckInterval()));
    }

    public String tenant() {
        return tenant;
    }

    /**
     * Queues a command; a newer result replaces a waiting one for the same result, whose message is acked, and an
     * older one is dropped (acked).
     *
     * @return false when the lane is closed (shutting down): the record stays unacked and is read again later
     */
    public boolean submit(CampusWrite command, Message<?> message) {
        List<Message<?>> superseded = new ArrayList<>(1);
        synchronized (this) {
            if (closed) {
                return false;
            }
            LaneJob job = jobs.add(command, message, superseded);
            if (job.partition() != null) {
                partitions.add(job.partition());
            }
            if (jobs.queued() >= highWater && job.partition() != null) {
                // Asked on every arrival while congested: the connector may have resumed the partition itself.
                congested = true;
                backpressure.congested(this, job.partition());
            }
            pump();
        }
        superseded.forEach(Message::ack);
        return true;
    }

    /** Drops waiting (not running) jobs of partitions this replica lost; their new owner reads them again. */
    public synchronized int revoke(Collection<TopicPartition> revoked) {
        int dropped = jobs.revoke(revoked);
        partitions.removeAll(revoked);
        relieveIfDrained();
        pump();
        return dropped;
    }

    /** Stops dispatching and gives the lock up; running writes finish on their own. */
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
            lock.close();
            cap.close();
            jobs.clear();
        }
        lock.releaseSession();
    }

    /** Jobs holding an IC slot: what the cap limits. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Jobs dispatched and not yet done: being prepared, prepared, holding an IC slot or finishing bookkeeping. */
    public synchronized int running() {
        return busy();
    }

    /** Jobs not yet dispatched. */
    public synchronized int queued() {
        return jobs.queued();
    }

    /** Jobs prepared and waiting for an IC slot. */
    public synchronized int prepared() {
        return jobs.prepared();
    }

    /** The cap of the district's load window right now (the circuit may still hold the lane at 0 or 1). */
    public int capacity() {
        return cap.window();
    }

    /** Whether any write of a course is queued, prepared or running in this lane. */
    public synchronized boolean busyWith(String courseId) {
        return jobs.busyWith(courseId);
    }

    public synchronized boolean holdsLock() {
        return lock.held();
    }

    /**
     * Runs IC calls that are not writes (a course's verification reads) in one of this lane's IC slots: beside the
     * writes, within the district's cap, only while the lane holds its district's lock. Waits for a free slot; a
     * waiting borrower goes before the next prepared write.
     *
     * @throws IllegalStateException when the lane closes (the writer shuts down) while waiting
     */
    public <T> T inSlot(Supplier<T> icCalls) {
        synchronized (this) {
            waitingBorrowers++;
            borrowers++;
            try {
                pump();
                while (closed || !lock.held() || inFlight >= cap.now()) {
                    if (closed) {
                        throw new IllegalStateException("the lane of district " + tenant + " is closed");
                    }
                    wait(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                borrowers--;
                throw new IllegalStateException("interrupted while waiting for an IC slot of " + tenant, e);
            } catch (RuntimeException e) {
                borrowers--;
                throw e;
            } finally {
                waitingBorrowers--;
            }
            inFlight++;
        }
        try {
            return icCalls.get();
        } finally {
            synchronized (this) {
                inFlight--;
                borrowers--;
                pump();
            }
        }
    }

    private int busy() {
        return jobs.dispatched() + borrowers;
    }

    /** Nothing queued, prepared or running: the lock may go. Caller holds this. */
    private boolean idle() {
        return jobs.isEmpty() && busy() == 0;
    }

    /** Dispatches what the lock, the circuit and the cap allow. Caller holds this. */
    private void pump() {
        // A borrower waiting for a slot looks again whenever the lane's state may have changed.
        notifyAll();
        if (closed) {
            return;
        }
        if (jobs.isEmpty() && waitingBorrowers == 0) {
            if (busy() == 0) {
                lock.idle();
            }
            return;
        }
        lock.need();
        if (!lock.held()) {
            return;
        }
        int slots = cap.now();
        // Slots go in arrival order: a prepared job waits for an earlier one still being prepared.
        while (inFlight + waitingBorrowers < slots) {
            LaneQueue.Prepared<P> ready = jobs.nextPrepared();
            if (ready == null) {
                break;
            }
            inFlight++;
            List<LaneQueue.Prepared<P>> batch = jobs.batchOf(ready, work::batchKey, batchMax);
            workers.execute(() -> callIc(batch));
        }
        int ahead = batchMax > 1 ? PREPARED_PER_SLOT + batchMax : PREPARED_PER_SLOT;
        while (jobs.preparing() < slots * PREPARED_PER_SLOT && jobs.preparing() + jobs.prepared() < slots * ahead
                && busy() < slots * (1 + PREPARED_PER_SLOT + BOOKKEEPING_PER_SLOT) * batchMax) {
            LaneJob job = jobs.startPreparing();
            if (job == null) {
                break;
            }
            if (job.requeues() == 0) {
                waited.accept(Duration.between(job.enqueuedAt(), Instant.now()));
            }
            workers.execute(() -> prepare(job));
        }
        relieveIfDrained();
    }

    private void prepare(LaneJob job) {
        P plan;
        try {
            plan = work.prepare(job);
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "lane of district %s: write %s failed unexpectedly", tenant, job.command().eventId());
            job.message().nack(e);
            plan = null;
        }
        List<Message<?>> superseded = new ArrayList<>(1);
        synchronized (this) {
            boolean revoked = job.partition() != null && !partitions.contains(job.partition());
            if (plan == null || closed || revoked) {
                // Finished already, or no longer ours: a closed or revoked lane's records are read again later.
                jobs.preparationEnded(job);
            } else {
                // Another value of its result that arrived meanwhile may go on instead.
                jobs.preparedDone(job, plan, superseded);
            }
            pump();
        }
        superseded.forEach(Message::ack);
    }

    /** The IC phase of one prepared job, or of a batch of one batch key, in the slot taken for it. */
    private void callIc(List<LaneQueue.Prepared<P>> batch) {
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        Runnable icDone = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                synchronized (this) {
                    inFlight--;
                    pump();
                }
            }
        };
        List<LaneJob> batchJobs = batch.stream().map(LaneQueue.Prepared::job).toList();
        List<Completion> completions;
        try {
            completions = work.callIc(batchJobs, batch.stream().map(LaneQueue.Prepared::plan).toList(), icDone);
        } catch (RuntimeException | Error e) {
            if (batchJobs.size() == 1) {
                Log.errorf(e, "lane of district %s: write %s failed unexpectedly", tenant,
                        batchJobs.get(0).command().eventId());
            } else {
                Log.errorf(e, "lane of district %s: a batch of %d writes failed unexpectedly", tenant,
                        batchJobs.size());
            }
            batchJobs.forEach(job -> job.message().nack(e));
            completions = batchJobs.stream().map(job -> Completion.DONE).toList();
        }
        synchronized (this) {
            if (slotHeld.compareAndSet(true, false)) {
                inFlight--;
            }
            for (int i = 0; i < batch.size(); i++) {
                if (completions.get(i) == Completion.REQUEUE && !closed) {
                    // Back in its place, still prepared: it is the next probe when the circuit lets one through.
                    jobs.putBack(batch.get(i));
                } else {
                    jobs.finished(batch.get(i).job());
                }
            }
            pump();
        }
    }

    private void relieveIfDrained() {
        if (congested && jobs.queued() <= highWater / 2) {
            congested = false;
            partitions.forEach(partition -> backpressure.relieved(this, partition));
        }
    }
}
