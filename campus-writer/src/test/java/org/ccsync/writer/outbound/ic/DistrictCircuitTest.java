package org.ccsync.writer.outbound.ic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The circuit breaker of one district: threshold, cool-down, half-open probe, doubling, one event per outage. */
class DistrictCircuitTest {

    private final MovableClock clock = new MovableClock();
    private final List<String> events = new ArrayList<>();
    private final DistrictCircuit circuit = new DistrictCircuit("d", 3, Duration.ofSeconds(10), Duration.ofSeconds(30),
            clock, new DistrictCircuit.Listener() {
                @Override
                public void opened(String tenant, String lastFailure, Duration coolDown) {
                    events.add("opened " + tenant + " " + lastFailure + " " + coolDown.toSeconds());
                }

                @Override
                public void closed(String tenant) {
                    events.add("closed " + tenant);
                }
            });

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresOnly() {
        circuit.onFailure("503");
        circuit.onFailure("503");
        circuit.onSuccess();
        circuit.onFailure("503");
        circuit.onFailure("503");
        assertThat(circuit.state()).isEqualTo(DistrictCircuit.State.CLOSED);

        circuit.onFailure("429");

        assertThat(circuit.state()).isEqualTo(DistrictCircuit.State.OPEN);
        assertThat(circuit.openUntil()).isEqualTo(clock.now.plusSeconds(10));
        assertThat(events).containsExactly("opened d 429 10");
    }

    @Test
    void aFailedProbeDoublesTheCoolDownAndASuccessfulOneCloses() {
        for (int i = 0; i < 3; i++) {
            circuit.onFailure("503");
        }
        clock.now = clock.now.plusSeconds(10);
        assertThat(circuit.state()).isEqualTo(DistrictCircuit.State.HALF_OPEN);

        circuit.onFailure("timeout");
        assertThat(circuit.state()).isEqualTo(DistrictCircuit.State.OPEN);
        assertThat(circuit.openUntil()).isEqualTo(clock.now.plusSeconds(20));
        clock.now = clock.now.plusSeconds(20);
        circuit.onFailure("timeout");
        // Capped at the maximum cool-down.
        assertThat(circuit.openUntil()).isEqualTo(clock.now.plusSeconds(30));
        clock.now = clock.now.plusSeconds(30);

        circuit.onSuccess();

        assertThat(circuit.state()).isEqualTo(DistrictCircuit.State.CLOSED);
        assertThat(events).containsExactly("opened d 503 10", "closed d");
        for (int i = 0; i < 3; i++) {
            circuit.onFailure("503");
        }
        assertThat(circuit.openUntil()).isEqualTo(clock.now.plusSeconds(10));
    }

    @Test
    void aLateSuccessDoesNotEndTheCoolDown() {
        for (int i = 0; i < 3; i++) {
            circuit.onFailure("503");
        }
        circuit.onSuccess();
        assertThat(circuit.isOpen()).isTrue();
        assertThat(events).containsExactly("opened d 503 10");
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
