package org.ccsync.writer.outbound.ic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker of one district's IC: after a run of transient failures it opens for a cool-down, then lets
 * one probe through (half-open); a success closes it, a failure opens it again for twice as long.
 */
// Not SmallRye Fault Tolerance's @CircuitBreaker: its delay is fixed, this cool-down doubles up to max-cool-down.
public final class DistrictCircuit {

    /** Where the circuit stands. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Told when the circuit opens (from closed) and when it closes again; called outside the circuit's lock. */
    public interface Listener {

        void opened(String tenant, String lastFailure, Duration coolDown);

        void closed(String tenant);
    }

    private final String tenant;
    private final int threshold;
    private final Duration coolDown;
    private final Duration maxCoolDown;
    private final Clock clock;
    private final Listener listener;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Duration currentCoolDown;
    private Instant openUntil = Instant.MIN;

    public DistrictCircuit(String tenant, int threshold, Duration coolDown, Duration maxCoolDown, Clock clock,
            Listener listener) {
        this.tenant = tenant;
        this.threshold = Math.max(1, threshold);
        this.coolDown = coolDown;
        this.maxCoolDown = maxCoolDown.compareTo(coolDown) < 0 ? coolDown : maxCoolDown;
        this.currentCoolDown = coolDown;
        this.clock = clock;
        this.listener = listener;
    }

    /** The state now; an open circuit whose cool-down has passed is half-open. */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
        }
        return state;
    }

    public boolean isOpen() {
        return state() == State.OPEN;
    }

    /** When an open circuit lets its probe through. */
    public synchronized Instant openUntil() {
        return openUntil;
    }

    /** IC answered (any answer that is not 429/5xx counts: a 422 still proves IC is up). */
    public void onSuccess() {
        boolean closedNow;
        synchronized (this) {
            consecutiveFailures = 0;
            // A late answer to a request sent before the circuit opened does not cut the cool-down short.
            closedNow = state() == State.HALF_OPEN;
            if (closedNow) {
                state = State.CLOSED;
                currentCoolDown = coolDown;
            }
        }
        if (closedNow) {
            listener.closed(tenant);
        }
    }

    /** IC answered 429 or 5xx, or did not answer. */
    public void onFailure(String description) {
        boolean openedNow = false;
        Duration pause;
        synchronized (this) {
            consecutiveFailures++;
            State now = state();
            if (now == State.HALF_OPEN) {
                Duration doubled = currentCoolDown.multipliedBy(2);
                currentCoolDown = doubled.compareTo(maxCoolDown) > 0 ? maxCoolDown : doubled;
                open();
            } else if (now == State.CLOSED && consecutiveFailures >= threshold) {
                open();
                openedNow = true;
            }
            pause = currentCoolDown;
        }
        if (openedNow) {
            listener.opened(tenant, description, pause);
        }
    }

    private void open() {
        state = State.OPEN;
        openUntil = clock.instant().plus(currentCoolDown);
    }
}
