package org.ccsync.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;

/** The PostgreSQL lease that lets one replica at a time run a scheduled job. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class SchedulerLeaseTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @Inject
    SchedulerLease lease;

    private static String newLease() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void twoHoldersContendAndOnlyOneHoldsTheLease() {
        String name = newLease();

        assertThat(lease.tryAcquire(name, "replica-a", LONG)).isTrue();
        assertThat(lease.tryAcquire(name, "replica-b", LONG)).isFalse();
        assertThat(lease.tryAcquire(name, "replica-a", LONG)).as("already mine").isTrue();
        assertThat(lease.renew(name, "replica-a", LONG)).isTrue();
        assertThat(lease.renew(name, "replica-b", LONG)).isFalse();
        lease.release(name, "replica-b");
        assertThat(lease.tryAcquire(name, "replica-b", LONG)).as("b cannot release a's lease").isFalse();

        lease.release(name, "replica-a");
        assertThat(lease.tryAcquire(name, "replica-b", LONG)).isTrue();
        assertThat(lease.tryAcquire(name, "replica-a", LONG)).isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderCannotRenewIt() {
        String name = newLease();
        assertThat(lease.tryAcquire(name, "stalled", Duration.ofMillis(300))).isTrue();
        assertThat(lease.tryAcquire(name, "replica-b", LONG)).isFalse();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> lease.tryAcquire(name, "replica-b", LONG));
        assertThat(lease.renew(name, "stalled", LONG)).isFalse();
    }

    @Test
    void simultaneousAcquiresHaveExactlyOneWinner() throws Exception {
        String name = newLease();
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String holder = "replica-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return lease.tryAcquire(name, holder, LONG);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runExclusivelySkipsWhileAnotherReplicaHoldsTheLeaseAndReleasesAfterItsRun() {
        String name = newLease();
        AtomicInteger runs = new AtomicInteger();
        assertThat(lease.tryAcquire(name, "other-replica", LONG)).isTrue();

        assertThat(lease.runExclusively(name, held -> runs.incrementAndGet())).isFalse();
        assertThat(runs).hasValue(0);

        lease.release(name, "other-replica");
        assertThat(lease.runExclusively(name, held -> {
            assertThat(held.getAsBoolean()).isTrue();
            assertThat(lease.tryAcquire(name, "other-replica", LONG)).as("held while running").isFalse();
            runs.incrementAndGet();
        })).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(lease.tryAcquire(name, "other-replica", LONG)).as("released after the run").isTrue();
    }
}
