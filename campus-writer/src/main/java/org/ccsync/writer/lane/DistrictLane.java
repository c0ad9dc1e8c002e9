package org.ccsync.writer.lane;

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
import java.util.TreeSet;
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
import org.ccsync.writer.domain.CampusWriter;
import org.ccsync.writer.outbound.ic.DistrictCircuit;

/**
 * One district's writes in this replica: a queue in Kafka order that runs up to the district's current cap of IC
 * calls at once, never two writes of one lineItem beside each other or out of order (results of different students
 * may run together, but not beside their lineItem's upsert or delete), coalesces a waiting result with a newer one,
 * pauses while the district's circuit is open, and dispatches only while it holds the district's cross-replica lock.
 *
 * <p>A job moves through three stages. It is <em>prepared</em> without an IC slot (ledger row, stale and unchanged
 * checks, request body), a few jobs ahead of the slots, so that a freed slot goes straight to the next IC call. It
 * then <em>holds an IC slot</em> from dispatch until it reports its IC calls done. Its <em>bookkeeping</em> after
 * that (ledger row, outcome, ack) runs beside the next job's IC call while it still keeps its lineItem's order. Until
 * a result holds an IC slot, a newer result for the same student and lineItem replaces it.
 */
public final class DistrictLane {

    /** Runs jobs in two steps: the work before the first IC call, then the IC calls and bookkeeping. */
    public interface Runner {

        /** Does a job's work up to its first IC call; returns the rest, or null when the job is already finished. */
        IcWork prepare(LaneJob job);
    }

    /** The rest of a prepared job; it calls {@code icDone} once it will make no more IC calls. */
    public interface IcWork {

        CampusWriter.Completion run(LaneJob job, Runnable icDone);

        /** The batch this work may join (its lineItem), or null when it always goes alone. */
        default String batchKey() {
            return null;
        }
    }

    /** Runs several prepared jobs of one batch key as one IC call, in one slot. */
    public interface BatchRunner {

        /** One completion per job, in order; {@code icDone} is called once the batch makes no more IC calls. */
        List<CampusWriter.Completion> run(List<LaneJob> jobs, List<IcWork> works, Runnable icDone);
    }

    /** Jobs prepared (or being prepared) ahead, per IC slot. */
    static final int PREPARED_PER_SLOT = 2;

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

    /** A prepared job waiting for an IC slot. */
    private record Prepared(LaneJob job, IcWork work) {
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
    private final BatchRunner batchRunner;
    private final int batchMax;

    private final TreeMap<Long, LaneJob> queue = new TreeMap<>();
    private final Map<String, LaneJob> queuedResults = new HashMap<>();
    private final TreeMap<Long, Prepared> prepared = new TreeMap<>();
    private final Map<String, Prepared> preparedResults = new HashMap<>();
    private final Map<String, LineUse> running = new HashMap<>();
    private final Set<TopicPartition> partitions = new HashSet<>();
    private long nextSeq;
    private final TreeSet<Long> preparing = new TreeSet<>();
    private int inFlight;
    private int busy;
    private boolean congested;
    private boolean closed;
    private LockState lockState = LockState.RELEASED;
    private int lockTries;
    private ScheduledFuture<?> idleRelease;
    private ScheduledFuture<?> lockCheck;
    private ScheduledFuture<?> wake;
    private int waitingBorrowers;
    private final Map<Long, String> dispatchedCourses = new HashMap<>();

    public DistrictLane(String tenant, IntSupplier window, DistrictCircuit circuit, LaneLock lock,
            Runner runner, Backpressure backpressure, Consumer<Duration> waited,
            Executor workers, ScheduledExecutorService timers, Settings settings) {
        this(tenant, window, circuit, lock, runner, backpressure, waited, workers, timers, settings, null, 1);
    }

    /**
     * A lane that sends prepared jobs of one batch key together, up to {@code batchMax} in one slot; it prepares up to
     * {@code batchMax} more jobs ahead per slot (still at most {@link #PREPARED_PER_SLOT} at once) so a batch can fill.
     */
    public DistrictLane(String tenant, IntSupplier window, DistrictCircuit circuit, LaneLock lock,
            Runner runner, Backpressure backpressure, Consumer<Duration> waited,
            Executor workers, ScheduledExecutorService timers, Settings settings, BatchRunner batchRunner,
            int batchMax) {
        this.batchRunner = batchRunner;
        this.batchMax = batchRunner == null ? 1 : Math.max(1, batchMax);
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
            LaneJob job = LaneJob.of(nextSeq++, command, message);
            if (!coalesced(job, superseded)) {
                queue.put(job.seq(), job);
                if (job.result()) {
                    queuedResults.put(job.target(), job);
                }
            }
            if (job.partition() != null) {
                partitions.add(job.partition());
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

    /** Drops waiting (not running) jobs of partitions this replica lost; their new owner reads them again. */
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
        for (Iterator<Prepared> it = prepared.values().iterator(); it.hasNext(); ) {
            Prepared ready = it.next();
            if (ready.job().partition() != null && revoked.contains(ready.job().partition())) {
                it.remove();
                preparedResults.remove(ready.job().target(), ready);
                finished(ready.job());
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
            notifyAll();
            cancel(idleRelease);
            cancel(lockCheck);
            cancel(wake);
            queue.clear();
            queuedResults.clear();
            prepared.clear();
            preparedResults.clear();
        }
        lock.release();
    }

    /** Jobs holding an IC slot: what the cap limits. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Jobs dispatched and not yet done: being prepared, prepared, holding an IC slot or finishing bookkeeping. */
    public synchronized int running() {
        return busy;
    }

    /** Jobs not yet dispatched. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Jobs prepared and waiting for an IC slot. */
    public synchronized int prepared() {
        return prepared.size();
    }

    /** The cap of the district's load window right now (the circuit may still hold the lane at 0 or 1). */
    public int capacity() {
        return window.getAsInt();
    }

    /**
     * Runs IC calls that are not writes (a course's verification reads) in one of this lane's IC slots: beside the
     * writes, within the district's cap, only while the lane holds its district's lock. Waits for a free slot; a
     * waiting borrower goes before the next prepared write.
     *
     * @throws IllegalStateException when the lane closes (the writer shuts down) while waiting
     */
    public <T> T inSlot(java.util.function.Supplier<T> icCalls) {
        synchronized (this) {
            waitingBorrowers++;
            busy++;
            try {
                pump();
                while (closed || lockState != LockState.HELD || inFlight >= cap()) {
                    if (closed) {
                        throw new IllegalStateException("the lane of district " + tenant + " is closed");
                    }
                    wait(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                busy--;
                throw new IllegalStateException("interrupted while waiting for an IC slot of " + tenant, e);
            } catch (RuntimeException e) {
                busy--;
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
                busy--;
                pump();
            }
        }
    }

    /** Whether any write of a course is queued, prepared or running in this lane. */
    public synchronized boolean busyWith(String courseId) {
        return dispatchedCourses.containsValue(courseId)
                || queue.values().stream().anyMatch(job -> courseId.equals(job.command().courseId()))
                || prepared.values().stream().anyMatch(ready -> courseId.equals(ready.job().command().courseId()));
    }

    public synchronized boolean holdsLock() {
        return lockState == LockState.HELD;
    }

    /**
     * Coalesces an arriving result with a waiting one for the same target (queued, or prepared without an IC slot)
     * unless its lineItem is upserted or deleted between them. Caller holds this.
     *
     * @return whether the arriving job was absorbed (replaced the waiting one in its place, or was dropped as older)
     */
    private boolean coalesced(LaneJob job, List<Message<?>> superseded) {
        if (!job.result()) {
            return false;
        }
        LaneJob queued = queuedResults.get(job.target());
        if (queued != null && !barrierAfter(queued)) {
            LaneJob kept = keepNewer(queued, job, superseded);
            queue.put(kept.seq(), kept);
            queuedResults.put(kept.target(), kept);
            return true;
        }
        Prepared ready = preparedResults.get(job.target());
        if (ready != null && !barrierAfter(ready.job())) {
            LaneJob kept = keepNewer(ready.job(), job, superseded);
            if (kept != ready.job()) {
                // The newer value needs its own preparation; it takes the prepared one's place in the queue.
                prepared.remove(ready.job().seq());
                preparedResults.remove(ready.job().target());
                finished(ready.job());
                queue.put(kept.seq(), kept);
                queuedResults.put(kept.target(), kept);
            }
            return true;
        }
        return false;
    }

    /** Of a waiting job and a later one for the same result, the one to keep (in the waiting one's place). */
    private LaneJob keepNewer(LaneJob waiting, LaneJob later, List<Message<?>> superseded) {
        CampusWrite old = waiting.command();
        CampusWrite now = later.command();
        if (now.sourceVersion() >= old.sourceVersion()) {
            Log.infof("coalesced result %s of district %s: waiting event %s (version %d) replaced by event %s "
                    + "(version %d) before any IC call", waiting.target(), tenant, old.eventId(), old.sourceVersion(),
                    now.eventId(), now.sourceVersion());
            superseded.add(waiting.message());
            return waiting.replacedBy(later);
        }
        Log.infof("coalesced result %s of district %s: event %s (version %d) is older than waiting event %s "
                + "(version %d) and is dropped", waiting.target(), tenant, now.eventId(), now.sourceVersion(),
                old.eventId(), old.sourceVersion());
        superseded.add(later.message());
        return waiting;
    }

    /** Whether the lineItem of a waiting result is upserted or deleted after it: a later result must not jump that. */
    private boolean barrierAfter(LaneJob waiting) {
        for (LaneJob later : queue.tailMap(waiting.seq(), false).values()) {
            if (later.barrier() && later.lineItem().equals(waiting.lineItem())) {
                return true;
            }
        }
        return false;
    }

    /** Dispatches what the lock, the circuit and the cap allow. Caller holds this. */
    private void pump() {
        // A borrower waiting for a slot looks again whenever the lane's state may have changed.
        notifyAll();
        if (closed) {
            return;
        }
        if (queue.isEmpty() && prepared.isEmpty() && waitingBorrowers == 0) {
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
        // Slots go in arrival order: a prepared job waits for an earlier one still being prepared.
        while (inFlight + waitingBorrowers < cap && !prepared.isEmpty()
                && (preparing.isEmpty() || prepared.firstKey() < preparing.first())) {
            Prepared ready = prepared.pollFirstEntry().getValue();
            preparedResults.remove(ready.job().target(), ready);
            inFlight++;
            List<Prepared> batch = batchOf(ready);
            if (batch.size() > 1) {
                workers.execute(() -> writeBatch(batch));
            } else {
                workers.execute(() -> write(ready));
            }
        }
        int ahead = batchMax > 1 ? PREPARED_PER_SLOT + batchMax : PREPARED_PER_SLOT;
        while (preparing.size() < cap * PREPARED_PER_SLOT && preparing.size() + prepared.size() < cap * ahead
                && busy < cap * (1 + PREPARED_PER_SLOT + BOOKKEEPING_PER_SLOT) * batchMax) {
            LaneJob job = nextEligible();
            if (job == null) {
                break;
            }
            queue.remove(job.seq());
            queuedResults.remove(job.target(), job);
            running.computeIfAbsent(job.lineItem(), k -> new LineUse()).add(job);
            if (job.command().courseId() != null) {
                dispatchedCourses.put(job.seq(), job.command().courseId());
            }
            preparing.add(job.seq());
            busy++;
            if (job.requeues() == 0) {
                waited.accept(Duration.between(job.enqueuedAt(), Instant.now()));
            }
            workers.execute(() -> prepare(job));
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

    private void prepare(LaneJob job) {
        IcWork work;
        try {
            work = runner.prepare(job);
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "lane of district %s: write %s failed unexpectedly", tenant, job.command().eventId());
            job.message().nack(e);
            work = null;
        }
        List<Message<?>> superseded = new ArrayList<>(1);
        synchronized (this) {
            preparing.remove(job.seq());
            boolean revoked = job.partition() != null && !partitions.contains(job.partition());
            if (work == null || closed || revoked) {
                // Finished already, or no longer ours: a closed or revoked lane's records are read again later.
                finished(job);
            } else {
                LaneJob later = job.result() ? queuedResults.get(job.target()) : null;
                LaneJob kept = job;
                if (later != null && !barrierAfter(job)) {
                    // Another value arrived while this one was prepared: the newer of the two goes on.
                    queue.remove(later.seq());
                    queuedResults.remove(later.target(), later);
                    kept = keepNewer(job, later, superseded);
                }
                if (kept == job) {
                    Prepared ready = new Prepared(job, work);
                    prepared.put(job.seq(), ready);
                    if (job.result()) {
                        preparedResults.put(job.target(), ready);
                    }
                } else {
                    finished(job);
                    queue.put(kept.seq(), kept);
                    queuedResults.put(kept.target(), kept);
                }
            }
            pump();
        }
        superseded.forEach(Message::ack);
    }

    private void write(Prepared ready) {
        LaneJob job = ready.job();
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
            completion = ready.work().run(job, icDone);
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "lane of district %s: write %s failed unexpectedly", tenant, job.command().eventId());
            job.message().nack(e);
            completion = CampusWriter.Completion.DONE;
        }
        synchronized (this) {
            if (slotHeld.compareAndSet(true, false)) {
                inFlight--;
            }
            if (completion == CampusWriter.Completion.REQUEUE && !closed) {
                // Back in its place, still prepared: it is the next probe when the circuit lets one through.
                Prepared back = new Prepared(job.requeued(), ready.work());
                prepared.put(job.seq(), back);
                if (job.result()) {
                    preparedResults.putIfAbsent(job.target(), back);
                }
            } else {
                finished(job);
            }
            pump();
        }
    }

    /**
     * The prepared jobs that go with one taken for a slot: those of its batch key (other results of its lineItem,
     * each its own target, none behind a barrier of the lineItem, as preparation guarantees), up to the batch size.
     * Caller holds this.
     */
    private List<Prepared> batchOf(Prepared ready) {
        String key = batchMax > 1 ? ready.work().batchKey() : null;
        if (key == null) {
            return List.of(ready);
        }
        List<Prepared> batch = new ArrayList<>();
        batch.add(ready);
        for (Iterator<Prepared> it = prepared.values().iterator(); it.hasNext() && batch.size() < batchMax; ) {
            Prepared other = it.next();
            if (key.equals(other.work().batchKey())) {
                it.remove();
                preparedResults.remove(other.job().target(), other);
                batch.add(other);
            }
        }
        return batch;
    }

    private void writeBatch(List<Prepared> batch) {
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        Runnable icDone = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                synchronized (this) {
                    inFlight--;
                    pump();
                }
            }
        };
        List<LaneJob> jobs = batch.stream().map(Prepared::job).toList();
        List<CampusWriter.Completion> completions;
        try {
            completions = batchRunner.run(jobs, batch.stream().map(Prepared::work).toList(), icDone);
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "lane of district %s: a batch of %d writes failed unexpectedly", tenant, jobs.size());
            jobs.forEach(job -> job.message().nack(e));
            completions = jobs.stream().map(job -> CampusWriter.Completion.DONE).toList();
        }
        synchronized (this) {
            if (slotHeld.compareAndSet(true, false)) {
                inFlight--;
            }
            for (int i = 0; i < batch.size(); i++) {
                Prepared ready = batch.get(i);
                if (completions.get(i) == CampusWriter.Completion.REQUEUE && !closed) {
                    Prepared back = new Prepared(ready.job().requeued(), ready.work());
                    prepared.put(ready.job().seq(), back);
                    if (ready.job().result()) {
                        preparedResults.putIfAbsent(ready.job().target(), back);
                    }
                } else {
                    finished(ready.job());
                }
            }
            pump();
        }
    }

    /** Forgets a dispatched job that is done (or dropped). Caller holds this. */
    private void finished(LaneJob job) {
        busy--;
        dispatchedCourses.remove(job.seq());
        LineUse use = running.get(job.lineItem());
        use.remove(job);
        if (use.total == 0) {
            running.remove(job.lineItem());
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
            if (!queue.isEmpty() || !prepared.isEmpty() || busy > 0 || lockState != LockState.HELD) {
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
