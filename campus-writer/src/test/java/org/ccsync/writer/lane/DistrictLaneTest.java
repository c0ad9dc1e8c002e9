package org.ccsync.writer.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.outbound.ic.DistrictCircuit;

/** The lane's scheduling on its own: cap, order per lineItem, coalescing, lock, circuit and backpressure. */
class DistrictLaneTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final TopicPartition PARTITION = new TopicPartition("campus-writes", 4);

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Gates gates = new Gates();
    private final AtomicBoolean lockFree = new AtomicBoolean(true);
    private final List<String> acked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> backpressure = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        gates.openAll();
        workers.shutdownNow();
        timers.shutdownNow();
    }

    /** A job's IC phase in these tests: what its preparation hands the lane. */
    private interface IcPart {

        Completion run(LaneJob job, Runnable icDone);

        default String batchKey() {
            return null;
        }
    }

    /** Several prepared jobs of one batch key run as one IC call. */
    private interface BatchCall {

        List<Completion> run(List<LaneJob> jobs, Runnable icDone);
    }

    /** The lane's two-phase work in these tests: each job prepared into its IC part; a batch runs as one call. */
    private static TwoPhaseWork<IcPart> work(Function<LaneJob, IcPart> prepare, BatchCall batch) {
        return new TwoPhaseWork<>() {
            @Override
            public IcPart prepare(LaneJob job) {
                return prepare.apply(job);
            }

            @Override
            public String batchKey(IcPart part) {
                return part.batchKey();
            }

            @Override
            public List<Completion> callIc(List<LaneJob> jobs, List<IcPart> parts, Runnable icDone) {
                if (jobs.size() == 1) {
                    return List.of(parts.get(0).run(jobs.get(0), icDone));
                }
                return batch.run(jobs, icDone);
            }
        };
    }

    private DistrictLane<IcPart> lane(int cap, int highWater, DistrictCircuit circuit) {
        return lane(cap, highWater, circuit, gates);
    }

    private DistrictLane<IcPart> lane(int cap, IcPart work) {
        return laneWith(cap, 1000, circuit(5, Duration.ofSeconds(30)), job -> work);
    }

    private DistrictLane<IcPart> lane(int cap, int highWater, DistrictCircuit circuit,
            Function<LaneJob, Completion> runner) {
        return laneWith(cap, highWater, circuit, job -> (prepared, icDone) -> runner.apply(prepared));
    }

    private DistrictLane<IcPart> laneWith(int cap, int highWater, DistrictCircuit circuit,
            Function<LaneJob, IcPart> prepare) {
        LockSession lock = new LockSession() {
            @Override
            public boolean tryAcquire() {
                return lockFree.get();
            }

            @Override
            public boolean isHeld() {
                return true;
            }

            @Override
            public void release() {
            }
        };
        DistrictLane.Backpressure flow = new DistrictLane.Backpressure() {
            @Override
            public void congested(DistrictLane<?> lane, TopicPartition partition) {
                backpressure.add("pause " + partition.partition());
            }

            @Override
            public void relieved(DistrictLane<?> lane, TopicPartition partition) {
                backpressure.add("resume " + partition.partition());
            }
        };
        return new DistrictLane<>("t", () -> cap, circuit, lock, work(prepare, null), flow, wait -> { }, workers,
                timers, new DistrictLane.Settings(highWater, Duration.ofMillis(20), Duration.ofMillis(50),
                        Duration.ofMillis(50), Duration.ofSeconds(30)), 1);
    }

    private DistrictLane<IcPart> lane(int cap) {
        return lane(cap, 1000, circuit(5, Duration.ofSeconds(30)));
    }

    private static DistrictCircuit circuit(int threshold, Duration coolDown) {
        return new DistrictCircuit("t", threshold, coolDown, coolDown.multipliedBy(4), Clock.systemUTC(),
                new DistrictCircuit.Listener() {
                    @Override
                    public void opened(String tenant, String lastFailure, Duration pause) {
                    }

                    @Override
                    public void closed(String tenant) {
                    }
                });
    }

    private void submit(DistrictLane<?> lane, CampusWrite command) {
        var metadata = new IncomingKafkaRecordMetadata<>(new ConsumerRecord<>(PARTITION.topic(),
                PARTITION.partition(), 0, "t", command), PARTITION.topic());
        lane.submit(command, Message.of(command, Metadata.of(metadata), () -> {
            acked.add(command.eventId());
            return CompletableFuture.completedFuture(null);
        }, failure -> CompletableFuture.completedFuture(null)));
    }

    private static UpsertLineItem upsert(String id, String lineItem) {
        return new UpsertLineItem(id, Instant.EPOCH, "t", "c", "a", "cls", lineItem, 1, "Title", 10, Instant.EPOCH,
                Instant.EPOCH, null);
    }

    private static DeleteLineItem delete(String id, String lineItem) {
        return new DeleteLineItem(id, Instant.EPOCH, "t", "c", "a", "cls", lineItem, 2, "deleted");
    }

    private static UpsertResult result(String id, String lineItem, String student, long version) {
        return new UpsertResult(id, Instant.EPOCH, "t", "c", "a", "cls", lineItem, lineItem + "/" + student, "u",
                student, version, (double) version, false, false, false, LocalDate.EPOCH, Instant.EPOCH, false);
    }

    @Test
    void preparedResultsOfOneLineItemShareASlotAsOneBatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstRunning = new AtomicBoolean();
        List<String> singles = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        Function<LaneJob, IcPart> prepare = job -> new IcPart() {
            @Override
            public Completion run(LaneJob prepared, Runnable icDone) {
                if (prepared.command().eventId().equals("r0")) {
                    firstRunning.set(true);
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                singles.add(prepared.command().eventId());
                icDone.run();
                prepared.message().ack();
                return Completion.DONE;
            }

            @Override
            public String batchKey() {
                return job.command().lineItemSourcedId();
            }
        };
        BatchCall batch = (jobs, icDone) -> {
            batches.add(jobs.stream().map(job -> job.command().eventId()).toList());
            icDone.run();
            jobs.forEach(job -> job.message().ack());
            return jobs.stream().map(job -> Completion.DONE).toList();
        };
        DistrictLane<IcPart> lane = new DistrictLane<>("t", () -> 1, circuit(5, Duration.ofSeconds(30)),
                new LockSession() {
                    @Override
                    public boolean tryAcquire() {
                        return true;
                    }

                    @Override
                    public boolean isHeld() {
                        return true;
                    }

                    @Override
                    public void release() {
                    }
                }, work(prepare, batch), new DistrictLane.Backpressure() {
                    @Override
                    public void congested(DistrictLane<?> l, TopicPartition partition) {
                    }

                    @Override
                    public void relieved(DistrictLane<?> l, TopicPartition partition) {
                    }
                }, wait -> { }, workers, timers, new DistrictLane.Settings(1000, Duration.ofMillis(20),
                        Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(30)), 3);

        submit(lane, result("r0", "L", "s0", 1));
        await().atMost(BOUND).untilTrue(firstRunning);
        for (int i = 1; i <= 4; i++) {
            submit(lane, result("r" + i, "L", "s" + i, 1));
        }
        submit(lane, result("m1", "M", "s1", 1));
        // While the one slot is taken, the waiting results are prepared ahead (more than two: a batch can fill).
        await().atMost(BOUND).until(() -> lane.prepared() == 5);
        release.countDown();

        await().atMost(BOUND).until(() -> acked.size() == 6);
        assertThat(batches).containsExactly(List.of("r1", "r2", "r3"));
        assertThat(singles).containsExactlyInAnyOrder("r0", "r4", "m1");
    }

    @Test
    void runsUpToTheCapAndKeepsEachLineItemsWritesInOrder() {
        DistrictLane<IcPart> lane = lane(3);
        submit(lane, upsert("L1", "li-1"));
        submit(lane, result("R1a", "li-1", "a", 1));
        submit(lane, result("R1b", "li-1", "b", 1));
        submit(lane, upsert("L2", "li-2"));
        submit(lane, delete("D1", "li-1"));
        submit(lane, upsert("L3", "li-3"));
        submit(lane, upsert("L4", "li-4"));

        // The results wait for their lineItem's upsert; L3 fills the third slot, L4 waits for a free one.
        gates.awaitStarted("L1", "L2", "L3");
        assertThat(gates.started()).containsExactlyInAnyOrder("L1", "L2", "L3");

        // L4 was prepared while the results still waited for L1: it takes the first free slot.
        gates.open("L1");
        gates.awaitStarted("L4");
        gates.open("L2");
        gates.awaitStarted("R1a");
        gates.open("L3");
        gates.awaitStarted("R1b");
        // Results of different students run side by side, and the delete waits for both.
        assertThat(gates.running()).containsExactlyInAnyOrder("R1a", "R1b", "L4");
        gates.open("R1a");
        gates.open("L4");
        assertThat(gates.started()).doesNotContain("D1");
        gates.open("R1b");
        gates.awaitStarted("D1");
        assertThat(gates.peak()).isEqualTo(3);
    }

    @Test
    void aQueuedResultIsReplacedByANewerOneAndAnOlderOneIsDropped() {
        DistrictLane<IcPart> lane = lane(1);
        submit(lane, upsert("busy", "li-busy"));
        gates.awaitStarted("busy");

        submit(lane, result("v1", "li-1", "s", 1));
        submit(lane, result("v2", "li-1", "s", 2));
        submit(lane, result("v3", "li-1", "s", 3));
        submit(lane, result("v0", "li-1", "s", 0));

        // v1 and v2 may each have been prepared already: without an IC slot they are still replaced.
        await().atMost(BOUND).untilAsserted(() -> assertThat(acked).containsExactlyInAnyOrder("v1", "v2", "v0"));
        await().atMost(BOUND).until(() -> lane.queued() + lane.prepared() == 1);
        gates.open("busy");
        gates.awaitStarted("v3");
        gates.open("v3");
        await().atMost(BOUND).until(() -> lane.inFlight() == 0);
        assertThat(gates.started()).containsExactly("busy", "v3");
    }

    @Test
    void theNextJobIsPreparedWhileTheSlotIsBusyAndWaitsForTheSlot() {
        List<String> prepares = Collections.synchronizedList(new ArrayList<>());
        DistrictLane<IcPart> lane = laneWith(1, 1000, circuit(5, Duration.ofSeconds(30)), recordingPrepares(prepares));
        submit(lane, upsert("busy", "li-busy"));
        gates.awaitStarted("busy");
        submit(lane, result("R1", "li-1", "s", 1));
        submit(lane, result("R2", "li-2", "s", 1));
        submit(lane, result("R3", "li-3", "s", 1));

        // Two jobs per slot are prepared ahead; none of them takes an IC slot while "busy" holds the only one.
        await().atMost(BOUND).until(() -> lane.prepared() == 2);
        assertThat(prepares).containsExactly("busy", "R1", "R2");
        assertThat(gates.started()).containsExactly("busy");

        gates.openAll();
        await().atMost(BOUND).until(() -> gates.started().size() == 4);
        assertThat(gates.started()).containsExactly("busy", "R1", "R2", "R3");
        assertThat(gates.peak()).isEqualTo(1);
    }

    @Test
    void aPreparedResultIsReplacedByANewerOneBeforeItsIcCall() {
        List<String> prepares = Collections.synchronizedList(new ArrayList<>());
        DistrictLane<IcPart> lane = laneWith(1, 1000, circuit(5, Duration.ofSeconds(30)), recordingPrepares(prepares));
        submit(lane, upsert("busy", "li-busy"));
        gates.awaitStarted("busy");
        submit(lane, result("v1", "li-1", "s", 1));
        await().atMost(BOUND).until(() -> prepares.contains("v1") && lane.prepared() == 1 && lane.queued() == 0);

        submit(lane, result("v2", "li-1", "s", 2));
        submit(lane, result("v0", "li-1", "s", 0));

        // v1 is replaced at once; v0 is dropped at once, or as soon as v2's preparation ends.
        assertThat(acked.get(0)).isEqualTo("v1");
        await().atMost(BOUND).untilAsserted(() -> assertThat(acked).containsExactly("v1", "v0"));
        await().atMost(BOUND).until(() -> prepares.contains("v2") && lane.prepared() == 1);
        gates.openAll();
        await().atMost(BOUND).until(() -> lane.running() == 0);
        assertThat(gates.started()).containsExactly("busy", "v2");
    }

    @Test
    void aNewerResultDoesNotJumpItsLineItemsDelete() {
        DistrictLane<IcPart> lane = lane(1);
        submit(lane, upsert("busy", "li-busy"));
        gates.awaitStarted("busy");
        submit(lane, result("v1", "li-1", "s", 1));
        submit(lane, delete("D", "li-1"));
        submit(lane, result("v2", "li-1", "s", 2));

        assertThat(acked).isEmpty();
        gates.openAll();
        await().atMost(BOUND).until(() -> gates.started().size() == 4);
        assertThat(gates.started()).containsExactly("busy", "v1", "D", "v2");
    }

    @Test
    void nothingRunsUntilTheDistrictLockIsFree() {
        lockFree.set(false);
        DistrictLane<IcPart> lane = lane(5);
        submit(lane, upsert("L1", "li-1"));

        await().during(Duration.ofMillis(300)).atMost(BOUND).until(() -> gates.started().isEmpty());
        assertThat(lane.holdsLock()).isFalse();
        lockFree.set(true);
        gates.awaitStarted("L1");
        assertThat(lane.holdsLock()).isTrue();
    }

    @Test
    void anOpenCircuitHoldsTheLaneAndItsProbeKeepsItsPlace() {
        DistrictCircuit circuit = circuit(1, Duration.ofMillis(500));
        DistrictLane<IcPart> lane = lane(5, 1000, circuit);
        circuit.onFailure("503");
        gates.outcome("L1", job -> {
            if (job.requeues() == 0) {
                circuit.onFailure("503 again");
                return Completion.REQUEUE;
            }
            circuit.onSuccess();
            return Completion.DONE;
        });
        gates.open("L1");
        submit(lane, upsert("L1", "li-1"));
        submit(lane, upsert("L2", "li-2"));
        submit(lane, upsert("L3", "li-3"));

        await().during(Duration.ofMillis(200)).atMost(BOUND).until(() -> gates.started().isEmpty());
        // Half-open: one probe (L1) fails and goes back; the next probe is L1 again, then the lane opens up.
        gates.awaitStarted("L2", "L3");
        assertThat(gates.started()).hasSize(4);
        assertThat(gates.started().subList(0, 2)).containsExactly("L1", "L1");
        assertThat(circuit.state()).isEqualTo(DistrictCircuit.State.CLOSED);
    }

    @Test
    void aLongQueuePausesItsPartitionUntilItHalves() {
        lockFree.set(false);
        DistrictLane<IcPart> lane = lane(5, 4, circuit(5, Duration.ofSeconds(30)));
        for (int i = 1; i <= 4; i++) {
            submit(lane, upsert("L" + i, "li-" + i));
        }
        assertThat(backpressure).containsExactly("pause 4");

        gates.openAll();
        lockFree.set(true);
        await().atMost(BOUND).until(() -> gates.started().size() == 4);
        assertThat(backpressure).containsExactly("pause 4", "resume 4");
    }

    @Test
    void slowBookkeepingOverlapsTheNextIcCallAndTheCapCountsOnlyIcCalls() {
        AtomicInteger icNow = new AtomicInteger();
        AtomicInteger icPeak = new AtomicInteger();
        int jobs = 1 + DistrictLane.BOOKKEEPING_PER_SLOT;
        CountDownLatch allIcCallsDone = new CountDownLatch(jobs);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        // Every job's ledger row and outcome take until all IC calls are over: a lane whose slot covered the
        // bookkeeping would run one IC call and wait there.
        DistrictLane<IcPart> lane = lane(1, (job, icDone) -> {
            icPeak.accumulateAndGet(icNow.incrementAndGet(), Math::max);
            events.add("ic " + job.command().eventId());
            icNow.decrementAndGet();
            allIcCallsDone.countDown();
            icDone.run();
            try {
                allIcCallsDone.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("done " + job.command().eventId());
            job.message().ack();
            return Completion.DONE;
        });
        for (int i = 1; i <= jobs; i++) {
            submit(lane, result("R" + i, "li-" + i, "s", 1));
        }

        await().atMost(BOUND).until(() -> allIcCallsDone.getCount() == 0);
        await().atMost(BOUND).until(() -> acked.size() == jobs);
        assertThat(events.subList(0, jobs)).allMatch(event -> event.startsWith("ic "));
        assertThat(icPeak.get()).isEqualTo(1);
        assertThat(lane.inFlight()).isZero();
        assertThat(lane.running()).isZero();
    }

    @Test
    void aTargetsNextWriteWaitsForItsBookkeepingWhileOtherLineItemsGoAhead() {
        CountDownLatch firstBookkeeping = new CountDownLatch(1);
        List<String> icCalls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<DistrictLane<IcPart>> holder = new ArrayList<>(1);
        DistrictLane<IcPart> lane = lane(1, (job, icDone) -> {
            icCalls.add(job.command().eventId());
            maxInFlight.accumulateAndGet(holder.get(0).inFlight(), Math::max);
            icDone.run();
            maxRunning.accumulateAndGet(holder.get(0).running(), Math::max);
            if (job.command().eventId().equals("v1")) {
                try {
                    firstBookkeeping.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            job.message().ack();
            return Completion.DONE;
        });
        holder.add(lane);
        submit(lane, result("v1", "li-1", "s", 1));
        await().atMost(BOUND).until(() -> icCalls.contains("v1"));
        submit(lane, result("v2", "li-1", "s", 2));
        submit(lane, upsert("L2", "li-2"));

        // L2's IC call runs while v1 still records; v2 of the same result waits for v1 to be completely done.
        await().atMost(BOUND).until(() -> icCalls.contains("L2"));
        await().atMost(BOUND).until(() -> acked.contains("L2"));
        await().during(Duration.ofMillis(200)).atMost(BOUND).until(() -> !icCalls.contains("v2"));
        assertThat(acked).containsExactly("L2");
        firstBookkeeping.countDown();
        await().atMost(BOUND).until(() -> acked.size() == 3);
        assertThat(icCalls).containsExactly("v1", "L2", "v2");
        assertThat(acked).containsExactly("L2", "v1", "v2");
        assertThat(maxInFlight.get()).isEqualTo(1);
        assertThat(maxRunning.get()).isEqualTo(2);
    }

    /** A runner that notes each job it prepares and runs it through the gates. */
    private Function<LaneJob, IcPart> recordingPrepares(List<String> prepares) {
        return job -> {
            prepares.add(job.command().eventId());
            return (prepared, icDone) -> gates.apply(prepared);
        };
    }

    /** A runner whose jobs block until the test opens their gate. */
    private static final class Gates implements Function<LaneJob, Completion> {

        private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        private final Map<String, Function<LaneJob, Completion>> outcomes = new ConcurrentHashMap<>();
        private final List<String> started = Collections.synchronizedList(new ArrayList<>());
        private final List<String> running = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger peak = new AtomicInteger();
        private volatile boolean allOpen;

        @Override
        public Completion apply(LaneJob job) {
            String id = job.command().eventId();
            synchronized (running) {
                running.add(id);
                started.add(id);
                peak.accumulateAndGet(running.size(), Math::max);
            }
            try {
                if (!allOpen) {
                    gate(id).await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.remove(id);
            }
            return outcomes.getOrDefault(id, j -> Completion.DONE).apply(job);
        }

        void outcome(String id, Function<LaneJob, Completion> outcome) {
            outcomes.put(id, outcome);
        }

        private CountDownLatch gate(String id) {
            return gates.computeIfAbsent(id, k -> new CountDownLatch(1));
        }

        void open(String id) {
            gate(id).countDown();
        }

        void openAll() {
            allOpen = true;
            gates.values().forEach(CountDownLatch::countDown);
        }

        void awaitStarted(String... ids) {
            await().atMost(BOUND).untilAsserted(() -> assertThat(started()).contains(ids));
        }

        List<String> started() {
            synchronized (started) {
                return List.copyOf(started);
            }
        }

        List<String> running() {
            synchronized (running) {
                return List.copyOf(running);
            }
        }

        int peak() {
            return peak.get();
        }
    }
}
