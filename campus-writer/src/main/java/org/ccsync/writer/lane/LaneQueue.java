package org.ccsync.writer.lane;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.CampusWrite;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A lane's jobs before and around their IC slot, in arrival order: queued, being prepared, prepared (waiting for a
 * slot), and dispatched until done. It keeps each lineItem's order (a lineItem's upsert or delete never runs beside
 * or before anything of its lineItem that arrived earlier; results of different students may run together) and
 * coalesces a result that holds no IC slot yet with a newer one for the same result. Superseded messages are
 * collected for the caller to ack once it let go of the lane.
 *
 * <p>Not thread-safe: its lane's monitor guards it.
 *
 * @param <P> the plan of a prepared job
 */
final class LaneQueue<P> {

    /** A prepared job waiting for an IC slot. */
    record Prepared<P>(LaneJob job, P plan) {
    }

    private final String tenant;
    private final TreeMap<Long, LaneJob> queue = new TreeMap<>();
    private final Map<String, LaneJob> queuedResults = new HashMap<>();
    private final TreeSet<Long> preparing = new TreeSet<>();
    private final TreeMap<Long, Prepared<P>> prepared = new TreeMap<>();
    private final Map<String, Prepared<P>> preparedResults = new HashMap<>();
    private final Map<String, LineUse> dispatched = new HashMap<>();
    private final Map<Long, String> dispatchedCourses = new HashMap<>();
    private long nextSeq;
    private int dispatchedJobs;

    LaneQueue(String tenant) {
        this.tenant = tenant;
    }

    int queued() {
        return queue.size();
    }

    int preparing() {
        return preparing.size();
    }

    int prepared() {
        return prepared.size();
    }

    /** Jobs dispatched and not yet finished: preparing, prepared, holding an IC slot or finishing bookkeeping. */
    int dispatched() {
        return dispatchedJobs;
    }

    /** Nothing queued or prepared (jobs may still be preparing or running). */
    boolean isEmpty() {
        return queue.isEmpty() && prepared.isEmpty();
    }

    /**
     * Queues a freshly received command; a result absorbed by coalescing takes the waiting one's place (or is dropped
     * as older).
     *
     * @return the new job
     */
    LaneJob add(CampusWrite command, Message<?> message, List<Message<?>> superseded) {
        LaneJob job = LaneJob.of(nextSeq++, command, message);
        if (!coalesced(job, superseded)) {
            enqueue(job);
        }
        return job;
    }

    /**
     * Takes the next job that may be prepared now (none of its lineItem running or queued ahead keeps it waiting) and
     * counts it as dispatched; null when none may.
     */
    LaneJob startPreparing() {
        LaneJob job = nextEligible();
        if (job == null) {
            return null;
        }
        queue.remove(job.seq());
        queuedResults.remove(job.target(), job);
        dispatched.computeIfAbsent(job.lineItem(), k -> new LineUse()).add(job);
        if (job.command().courseId() != null) {
            dispatchedCourses.put(job.seq(), job.command().courseId());
        }
        preparing.add(job.seq());
        dispatchedJobs++;
        return job;
    }

    /**
     * Puts a prepared job in line for a slot: a newer value of its result that arrived meanwhile goes on instead
     * (back in the queue, to be prepared, and this one is finished).
     */
    void preparedDone(LaneJob job, P plan, List<Message<?>> superseded) {
        preparing.remove(job.seq());
        LaneJob later = job.result() ? queuedResults.get(job.target()) : null;
        LaneJob kept = job;
        if (later != null && !barrierAfter(job)) {
            queue.remove(later.seq());
            queuedResults.remove(later.target(), later);
            kept = keepNewer(job, later, superseded);
        }
        if (kept != job) {
            finished(job);
            enqueue(kept);
            return;
        }
        putPrepared(new Prepared<>(job, plan), false);
    }

    /** A job whose preparation finished it (or failed), or that is no longer this lane's: done. */
    void preparationEnded(LaneJob job) {
        preparing.remove(job.seq());
        finished(job);
    }

    /** The prepared job whose turn it is for a slot, taken out; null when none, or an earlier job is preparing. */
    Prepared<P> nextPrepared() {
        if (prepared.isEmpty() || (!preparing.isEmpty() && prepared.firstKey() > preparing.first())) {
            return null;
        }
        Prepared<P> ready = prepared.pollFirstEntry().getValue();
        preparedResults.remove(ready.job().target(), ready);
        return ready;
    }

    /**
     * The prepared jobs that go with one taken for a slot: those of its batch key (other results of its lineItem,
     * each its own target, none behind a barrier of the lineItem, as preparation guarantees), up to the batch size.
     */
    List<Prepared<P>> batchOf(Prepared<P> ready, Function<P, String> batchKey, int batchMax) {
        String key = batchMax > 1 ? batchKey.apply(ready.plan()) : null;
        if (key == null) {
            return List.of(ready);
        }
        List<Prepared<P>> batch = new ArrayList<>();
        batch.add(ready);
        for (Iterator<Prepared<P>> it = prepared.values().iterator(); it.hasNext() && batch.size() < batchMax; ) {
            Prepared<P> other = it.next();
            if (key.equals(batchKey.apply(other.plan()))) {
                it.remove();
                preparedResults.remove(other.job().target(), other);
                batch.add(other);
            }
        }
        return batch;
    }

    /** A job an open circuit handed back: in its place again, still prepared, the next probe. */
    void putBack(Prepared<P> ready) {
        putPrepared(new Prepared<>(ready.job().requeued(), ready.plan()), true);
    }

    /** Forgets a dispatched job that is done (or dropped). */
    void finished(LaneJob job) {
        dispatchedJobs--;
        dispatchedCourses.remove(job.seq());
        LineUse use = dispatched.get(job.lineItem());
        use.remove(job);
        if (use.total == 0) {
            dispatched.remove(job.lineItem());
        }
    }

    /**
     * Drops the queued and prepared jobs of revoked partitions.
     *
     * @return how many were dropped
     */
    int revoke(Collection<TopicPartition> revoked) {
        int dropped = 0;
        for (Iterator<LaneJob> it = queue.values().iterator(); it.hasNext(); ) {
            LaneJob job = it.next();
            if (job.partition() != null && revoked.contains(job.partition())) {
                it.remove();
                queuedResults.remove(job.target(), job);
                dropped++;
            }
        }
        for (Iterator<Prepared<P>> it = prepared.values().iterator(); it.hasNext(); ) {
            Prepared<P> ready = it.next();
            if (ready.job().partition() != null && revoked.contains(ready.job().partition())) {
                it.remove();
                preparedResults.remove(ready.job().target(), ready);
                finished(ready.job());
                dropped++;
            }
        }
        return dropped;
    }

    /** Forgets everything waiting (the lane closes). */
    void clear() {
        queue.clear();
        queuedResults.clear();
        prepared.clear();
        preparedResults.clear();
    }

    /** Whether any write of a course is queued, prepared or running. */
    boolean busyWith(String courseId) {
        return dispatchedCourses.containsValue(courseId)
                || queue.values().stream().anyMatch(job -> courseId.equals(job.command().courseId()))
                || prepared.values().stream().anyMatch(ready -> courseId.equals(ready.job().command().courseId()));
    }

    private void enqueue(LaneJob job) {
        queue.put(job.seq(), job);
        if (job.result()) {
            queuedResults.put(job.target(), job);
        }
    }

    private void putPrepared(Prepared<P> ready, boolean keepWaitingNewer) {
        prepared.put(ready.job().seq(), ready);
        if (ready.job().result()) {
            if (keepWaitingNewer) {
                preparedResults.putIfAbsent(ready.job().target(), ready);
            } else {
                preparedResults.put(ready.job().target(), ready);
            }
        }
    }

    /**
     * Coalesces an arriving result with a waiting one for the same target (queued, or prepared without an IC slot)
     * unless its lineItem is upserted or deleted between them.
     *
     * @return whether the arriving job was absorbed (replaced the waiting one in its place, or was dropped as older)
     */
    private boolean coalesced(LaneJob job, List<Message<?>> superseded) {
        if (!job.result()) {
            return false;
        }
        LaneJob queued = queuedResults.get(job.target());
        if (queued != null && !barrierAfter(queued)) {
            enqueue(keepNewer(queued, job, superseded));
            return true;
        }
        Prepared<P> ready = preparedResults.get(job.target());
        if (ready != null && !barrierAfter(ready.job())) {
            LaneJob kept = keepNewer(ready.job(), job, superseded);
            if (kept != ready.job()) {
                // The newer value needs its own preparation; it takes the prepared one's place in the queue.
                prepared.remove(ready.job().seq());
                preparedResults.remove(ready.job().target());
                finished(ready.job());
                enqueue(kept);
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

    /** The first queued job that no dispatched or earlier queued job of its lineItem keeps waiting. */
    private LaneJob nextEligible() {
        Map<String, LineUse> skipped = null;
        for (LaneJob job : queue.values()) {
            LineUse waitingBefore = skipped == null ? null : skipped.get(job.lineItem());
            if (blocks(dispatched.get(job.lineItem()), job) || blocks(waitingBefore, job)) {
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

    /** The jobs of one lineItem that are dispatched (or were skipped in one scan): barriers and results by target. */
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
