package org.ccsync.writer.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.puts;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.CampusStats;
import org.ccsync.testsupport.InfraTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;

/** A district's cap at IC: five at once off-peak, one at a time at peak, and never doubled by a second replica. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class LaneCapTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMA);

    @Inject
    LaneRegistry lanes;

    @AfterEach
    void restore() {
        TestClock.unpin();
        sim.control().setMaxConcurrent(5);
        sim.control().setLatencyMillis(CampusSimulatorResource.LATENCY_MILLIS);
    }

    private static List<UpsertLineItem> burst(String id, int count) {
        List<UpsertLineItem> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(lineItem(SIMA, "course-" + id, "a" + i + "-" + id, 1, "Worksheet " + i + " " + id, "Homework"));
        }
        return items;
    }

    /** Sends a burst with IC admitting exactly the cap, and returns what IC saw. */
    private CampusStats run(int cap, List<UpsertLineItem> items) {
        sim.control().setMaxConcurrent(cap);
        sim.control().setLatencyMillis(150);
        sim.control().resetStats();
        items.forEach(WriterTestKit::send);
        SimKit.awaitEach(items);
        return sim.control().stats();
    }

    @Test
    void offPeakRunsFiveAtOnceAndNeverMore() {
        TestClock.pin(TestClock.OFF_PEAK);

        // Forty writes also fill the lane past its high-water mark: the partition pauses and resumes on the way.
        CampusStats stats = run(5, burst(uid(), 40));

        assertThat(stats.peakConcurrency()).isEqualTo(5);
        assertThat(stats.rejectedBusy()).isZero();
        assertThat(stats.count(201)).isEqualTo(40);
    }

    @Test
    void peakHoursAreSerial() {
        TestClock.pin(TestClock.PEAK);

        CampusStats stats = run(1, burst(uid(), 8));

        assertThat(stats.peakConcurrency()).isEqualTo(1);
        assertThat(stats.rejectedBusy()).isZero();
        assertThat(stats.count(201)).isEqualTo(8);
    }

    @Test
    void aDistrictLockHeldByAnotherReplicaHoldsTheLane() throws SQLException {
        TestClock.pin(TestClock.OFF_PEAK);
        var config = ConfigProvider.getConfig();
        Properties login = new Properties();
        login.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        login.setProperty("password", config.getValue("quarkus.datasource.password", String.class));
        try (Connection otherReplica = new org.postgresql.Driver().connect(
                config.getValue("quarkus.datasource.jdbc.url", String.class), login)) {
            // The lane lets its lock go once it has been idle for a moment.
            await().atMost(WriterTestKit.WAIT).until(() -> advisory(otherReplica, "pg_try_advisory_lock"));
            List<UpsertLineItem> items = burst(uid(), 3);
            items.forEach(WriterTestKit::send);

            await().during(Duration.ofMillis(1500)).atMost(WriterTestKit.WAIT)
                    .until(() -> lanes.lane(SIMA).queued() == 3);
            assertThat(lanes.lane(SIMA).holdsLock()).isFalse();
            items.forEach(item -> assertThat(puts(sim, "lineItems", item.lineItemSourcedId())).isZero());

            assertThat(advisory(otherReplica, "pg_advisory_unlock")).isTrue();
            SimKit.awaitEach(items);
            items.forEach(item -> assertThat(puts(sim, "lineItems", item.lineItemSourcedId())).isEqualTo(1));
        }
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, AdvisoryLockSession.key(SIMA));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
