package org.ccsync.writer.lane;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.ccsync.writer.outbound.ic.DistrictCircuit;

/**
 * How many IC slots a lane has right now: its load window's cap while the district's circuit is closed, one probe
 * while it half-opens, none while it is open, with a wake-up of the lane for when the circuit may half-open.
 * It shares its lane's monitor: callers hold it, and the wake-up runs the lane's {@code changed} callback with it held.
 */
final class SlotCap {

    private final String tenant;
    private final IntSupplier window;
    private final DistrictCircuit circuit;
    private final ScheduledExecutorService timers;
    private final Object monitor;
    private final Runnable changed;
    private ScheduledFuture<?> wake;

    SlotCap(String tenant, IntSupplier window, DistrictCircuit circuit, ScheduledExecutorService timers,
            Object monitor, Runnable changed) {
        this.tenant = tenant;
        this.window = window;
        this.circuit = circuit;
        this.timers = timers;
        this.monitor = monitor;
        this.changed = changed;
    }

    /** The slots now; while the circuit is open, also makes sure the lane wakes when it may half-open. */
    int now() {
        DistrictCircuit.State state = circuit.state();
        if (state == DistrictCircuit.State.OPEN) {
            wakeAt(circuit.openUntil());
            return 0;
        }
        if (state == DistrictCircuit.State.HALF_OPEN) {
            return 1;
        }
        return Math.max(1, window.getAsInt());
    }

    /** The cap of the district's load window right now (the circuit may still hold the lane at 0 or 1). */
    int window() {
        return window.getAsInt();
    }

    void close() {
        if (wake != null) {
            wake.cancel(false);
        }
    }

    private void wakeAt(Instant at) {
        if (wake != null && !wake.isDone()) {
            return;
        }
        long delay = Math.max(10, Duration.between(Instant.now(), at).toMillis());
        try {
            wake = timers.schedule(() -> {
                synchronized (monitor) {
                    wake = null;
                    changed.run();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            Log.debugf("district %s: timers stopped, no wake-up scheduled", tenant);
        }
    }
}
