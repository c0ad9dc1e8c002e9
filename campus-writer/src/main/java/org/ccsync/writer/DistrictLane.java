package org.ccsync.writer;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.CampusWrite;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One district's writes in this replica: a queue in Kafka order that runs up to the district's current cap at
 * once, never two writes of one lineItem beside each other or out of order (results of different students may run
 * together, but not beside their lineItem's upsert or delete), coalesces a queued result with a newer one, pauses
 * while the district's circuit is open, and dispatches only while it holds the district's cross-replica lock. The cap
 * counts IC slots: a job holds one from dispatch until it reports its IC calls done, and its bookkeeping after that
 * (ledger row, outcome, ack) runs beside the next job's IC call while it still keeps its lineItem's order.
 */
public final class DistrictLane {

    /** Runs one job; it calls {@code icDone} once it will make no more IC calls, which frees its IC slot. */
    public interface Runner {

        CampusWriter.Completion run(LaneJob job, Runnable icDone);
    }

    /** Jobs past their IC calls that may still be finishing their bookkeeping, per IC slot. */
    static final int BOOKKEEPING_PER_SLOT = 4;

    /** The district's lock across replicas (a PostgreSQL session advisory lock in production). */
    public interface LaneLock {

        /** Takes the lock when it is free; false while another replica holds it. */
        boolean tryAcquire() throws Exception;

        /** Whether the lock is still held (its database session is alive). */
        boolean isHeld();

        /** Gives the lock up; safe to call in any state. */
        void release();
    }

    /** Pauses the Kafka partition of a lane whose queue is too long, and resumes it. */
    public interface Backpressure {

        void congested(DistrictLane lane, TopicPartition partition);

        void relieved(DistrictLane lane, TopicPartition partition);
    }

    /** Queue and lock tuning. */
    public record Settings(int highWater, Duration lockRetryInitial, Duration lockRetryMax, Duration lockLinger,
            Duration lockCheckInterval) {
    }

    private enum LockState { RELEASED, ACQUIRING, HELD, RELEASING }

    private final String tenant;
    private final IntSupplier window;
    private final DistrictCircuit circuit;
    private final LaneLock lock;
    private final Runner runner;
    private final Backpressure backpressure;
    private final Consumer<Duration> waited;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final Settings settings;

    private final TreeMap<Long, LaneJob> queue = new TreeMap<>();
    private final Map<String, LaneJob> queuedResults = new HashMap<>();
    private final Map<String, LineUse> running = new HashMap<>();
    private final Set<TopicPartition> partitions = new HashSet<>();
    private long nextSeq;
    private int inFlight;
    private int busy;
    private boolean congested;
    private boolean closed;
    private LockState lockState = LockState.RELEASED;
    private int lockTries;
    private ScheduledFuture<?> idleRelease;
    private ScheduledFuture<?> lockCheck;
    private ScheduledFuture<?> wake;

    public DistrictLane(String tenant, IntSupplier window, DistrictCircuit circuit, LaneLock lock,
            Runner runner, Backpressure backpressure, Consumer<Duration> waited,
            Executor workers, ScheduledExecutorService timers, Settings settings) {
        this.tenant = tenant;
        this.window = window;
        this.circuit = circuit;
        this.lock = lock;
        this.runner = runner;
        this.backpressure = backpressure;
        this.waited = waited;
        this.workers = workers;
        this.timers = timers;
        this.settings = settings;
    }

    public String tenant() {
        return tenant;
    }

    /**
     * Queues a command; a newer result replaces a queued one for the same result, whose message is acked.
     *
     * @return false when the lane is closed (shutting down): the record stays unacked and is read again later
     */
    public boolean submit(CampusWrite command, Message<?> message) {
        List<Message<?>> superseded = new ArrayList<>(1);
        synchronized (this) {
            if (closed) {
                return false;
            }
            LaneJob job = LaneJob.of(nextSeq++, command, message);
            LaneJob queued = job.result() ? queuedResults.get(job.target()) : null;
            if (queued != null && !barrierAfter(queued)) {
                superseded.add(coalesce(queued, job));
            } else {
                queue.put(job.seq(), job);
                if (job.result()) {
                    queuedResults.put(job.target(), job);
                }
                if (job.partition() != null) {
                    partitions.add(job.partition());
                }
            }
            if (queue.size() >= settings.highWater() && job.partition() != null) {
                // Asked on every arrival while congested: the connector may have resumed the partition itself.
                congested = true;
                backpressure.congested(this, job.partition());
            }
            pump();
        }
        superseded.forEach(Message::ack);
        return true;
    }

    /** Drops queued (not running) jobs of partitions this replica lost; their new owner reads them again. */
    public synchronized int revoke(Collection<TopicPartition> revoked) {
        int dropped = 0;
        for (Iterator<LaneJob> it = queue.values().iterator(); it.hasNext(); ) {
            LaneJob job = it.next();
            if (job.partition() != null && revoked.contains(job.partition())) {
                it.remove();
                queuedResults.remove(job.target(), job);
                dropped++;
            }
        }
        partitions.removeAll(revoked);
        relieveIfDrained();
        pump();
        return dropped;
    }

    /** Stops dispatching and gives the lock up; running writes finish on their own. */
    public void close() {
        synchronized (this) {
            closed = true;
            cancel(idleRelease);
            cancel(lockCheck);
            cancel(wake);
            queue.clear();
            queuedResults.clear();
        }
        lock.release();
    }

    /** Jobs holding an IC slot: what the cap limits. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Jobs dispatched and not yet done, including those past their IC calls that finish their bookkeeping. */
    public synchronized int running() {
        return busy;
    }

    public synchronized int queued() {
        return queue.size();
    }

    /** The cap of the district's load window right now (the circuit may still hold the lane at 0 or 1). */
    public int capacity() {
        return window.getAsInt();
    }

    public synchronized boolean holdsLock() {
        return lockState == LockState.HELD;
    }

    private Message<?> coalesce(LaneJob queued, LaneJob newer) {
        CampusWrite old = queued.command();
        CampusWrite now = newer.command();
        if (now.sourceVersion() >= old.sourceVersion()) {
            LaneJob merged = queued.replacedBy(newer);
            queue.put(merged.seq(), merged);
            queuedResults.put(merged.target(), merged);
            Log.infof("coalesced result %s of district %s: queued event %s (version %d) replaced by event %s "
                    + "(version %d) before any IC call", queued.target(), tenant, old.eventId(), old.sourceVersion(),
                    now.eventId(), now.sourceVersion());
            return queued.message();
        }
        Log.infof("coalesced result %s of district %s: event %s (version %d) is older than queued event %s "
                + "(version %d) and is dropped", queued.target(), tenant, now.eventId(), now.sourceVersion(),
                old.eventId(), old.sourceVersion());
        return newer.message();
    }

    /** Whether the lineItem of a queued result is upserted or deleted after it: a later result must not jump that. */
    private boolean barrierAfter(LaneJob queued) {
        for (LaneJob later : queue.tailMap(queued.seq(), false).values()) {
            if (later.barrier() && later.lineItem().equals(queued.lineItem())) {
                return true;
            }
        }
        return false;
    }

    /** Dispatches what the lock, the circuit and the cap allow. Caller holds this. */
    private void pump() {
        if (closed) {
            return;
        }
        if (queue.isEmpty()) {
            if (busy == 0) {
                scheduleIdleRelease();
            }
            return;
        }
        cancel(idleRelease);
        idleRelease = null;
        if (lockState != LockState.HELD) {
            if (lockState == LockState.RELEASED) {
                lockState = LockState.ACQUIRING;
                workers.execute(this::acquire);
            }
            return;
        }
        int cap = cap();
        while (inFlight < cap && busy < cap * (1 + BOOKKEEPING_PER_SLOT)) {
            LaneJob job = nextEligible();
            if (job == null) {
                break;
            }
            queue.remove(job.seq());
            queuedResults.remove(job.target(), job);
            running.computeIfAbsent(job.lineItem(), k -> new LineUse()).add(job);
            inFlight++;
            busy++;
            if (job.requeues() == 0) {
                waited.accept(Duration.between(job.enqueuedAt(), Instant.now()));
            }
            workers.execute(() -> run(job));
        }
        relieveIfDrained();
    }

    private int cap() {
        DistrictCircuit.State state = circuit.state();
        if (state == DistrictCircuit.State.OPEN) {
            scheduleWake(circuit.openUntil());
            return 0;
        }
        if (state == DistrictCircuit.State.HALF_OPEN) {
            return 1;
        }
        return Math.max(1, window.getAsInt());
    }

    /** The first queued job that no running or earlier queued job of its lineItem keeps waiting. */
    private LaneJob nextEligible() {
        Map<String, LineUse> skipped = null;
        for (LaneJob job : queue.values()) {
            LineUse waitingBefore = skipped == null ? null : skipped.get(job.lineItem());
            if (blocks(running.get(job.lineItem()), job) || blocks(waitingBefore, job)) {
                if (skipped == null) {
                    skipped = new HashMap<>();
                }
                skipped.computeIfAbsent(job.lineItem(), k -> new LineUse()).add(job);
                continue;
            }
            return job;
        }
        return null;
    }

    private static boolean blocks(LineUse use, LaneJob job) {
        if (use == null || use.total == 0) {
            return false;
        }
        return job.barrier() || use.barriers > 0 || use.targets.containsKey(job.target());
    }

    private void run(LaneJob job) {
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        Runnable icDone = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                synchronized (this) {
                    inFlight--;
                    pump();
                }
            }
        };
        CampusWriter.Completion completion;
        try {
            completion = runner.run(job, icDone);
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "lane of district %s: write %s failed unexpectedly", tenant, job.command().eventId());
            job.message().nack(e);
            completion = CampusWriter.Completion.DONE;
        }
        synchronized (this) {
            if (slotHeld.compareAndSet(true, false)) {
                inFlight--;
            }
            busy--;
            LineUse use = running.get(job.lineItem());
            use.remove(job);
            if (use.total == 0) {
                running.remove(job.lineItem());
            }
            if (completion == CampusWriter.Completion.REQUEUE && !closed) {
                LaneJob back = job.requeued();
                queue.put(back.seq(), back);
                if (back.result()) {
                    queuedResults.putIfAbsent(back.target(), back);
                }
            }
            pump();
        }
    }

    private void relieveIfDrained() {
        if (congested && queue.size() <= settings.highWater() / 2) {
            congested = false;
            partitions.forEach(partition -> backpressure.relieved(this, partition));
        }
    }

    private void acquire() {
        boolean held;
        try {
            held = lock.tryAcquire();
        } catch (Exception e) {
            Log.warnf("district %s could not take its lane lock: %s", tenant, e.getMessage());
            held = false;
        }
        boolean giveBack = false;
        synchronized (this) {
            if (closed) {
                giveBack = held;
            } else if (held) {
                if (lockTries > 0) {
                    Log.infof("district %s took its lane lock after %d tries", tenant, lockTries + 1);
                }
                lockTries = 0;
                lockState = LockState.HELD;
                long every = settings.lockCheckInterval().toMillis();
                lockCheck = timers.scheduleWithFixedDelay(() -> workers.execute(this::checkLock), every, every,
                        TimeUnit.MILLISECONDS);
                pump();
            } else {
                if (lockTries == 0) {
                    Log.infof("district %s is locked by another writer replica (a rebalance is under way); its "
                            + "writes wait for it", tenant);
                }
                long step = settings.lockRetryInitial().toMillis() << Math.min(lockTries, 16);
                long delay = Math.min(step, settings.lockRetryMax().toMillis());
                lockTries++;
                timers.schedule(() -> workers.execute(this::acquire), delay, TimeUnit.MILLISECONDS);
            }
        }
        if (giveBack) {
            lock.release();
        }
    }

    private void checkLock() {
        if (lock.isHeld()) {
            return;
        }
        synchronized (this) {
            if (lockState != LockState.HELD) {
                return;
            }
            Log.warnf("district %s lost its lane lock (its database session ended); locking again", tenant);
            cancel(lockCheck);
            lockState = LockState.RELEASING;
        }
        lock.release();
        synchronized (this) {
            lockState = LockState.RELEASED;
            pump();
        }
    }

    private void scheduleIdleRelease() {
        if (lockState != LockState.HELD || idleRelease != null) {
            return;
        }
        try {
            idleRelease = timers.schedule(this::releaseIfIdle, settings.lockLinger().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The writer is shutting down: the lock goes with the connection anyway.
            Log.debugf("district %s: timers stopped, idle lock release not scheduled", tenant);
        }
    }

    private void releaseIfIdle() {
        synchronized (this) {
            idleRelease = null;
            if (!queue.isEmpty() || busy > 0 || lockState != LockState.HELD) {
                return;
            }
            cancel(lockCheck);
            lockState = LockState.RELEASING;
        }
        workers.execute(() -> {
            lock.release();
            synchronized (this) {
                lockState = LockState.RELEASED;
                pump();
            }
        });
    }

    private void scheduleWake(Instant at) {
        if (wake != null && !wake.isDone()) {
            return;
        }
        long delay = Math.max(10, Duration.between(Instant.now(), at).toMillis());
        try {
            wake = timers.schedule(() -> {
                synchronized (this) {
                    wake = null;
                    pump();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            Log.debugf("district %s: timers stopped, no wake-up scheduled", tenant);
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** The jobs of one lineItem that are running (or were skipped in one scan): barriers and results by target. */
    private static final class LineUse {

        private int total;
        private int barriers;
        private final Map<String, Integer> targets = new HashMap<>();

        void add(LaneJob job) {
            total++;
            if (job.barrier()) {
                barriers++;
            } else {
                targets.merge(job.target(), 1, Integer::sum);
            }
        }

        void remove(LaneJob job) {
            total--;
            if (job.barrier()) {
                barriers--;
            } else {
                targets.computeIfPresent(job.target(), (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }
}
