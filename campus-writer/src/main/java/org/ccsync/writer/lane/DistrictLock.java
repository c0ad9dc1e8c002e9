package org.ccsync.writer.lane;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A lane's hold on its district's lock across replicas: taken when the lane has work (tried again with a doubling
 * pause while another replica holds it), checked while held (a dead database session loses it), given up once the
 * lane has been idle for the linger time. Its state moves RELEASED → ACQUIRING → HELD → RELEASING → RELEASED.
 *
 * <p>It shares its lane's monitor: every method but {@link #releaseSession} expects the caller to hold it, and the
 * lane's {@code changed} callback runs with it held whenever the lock is taken or lost.
 */
final class DistrictLock {

    /** The lock's timing. */
    record Timing(Duration retryInitial, Duration retryMax, Duration linger, Duration checkInterval) {
    }

    private enum State { RELEASED, ACQUIRING, HELD, RELEASING }

    private final String tenant;
    private final LockSession session;
    private final Object monitor;
    private final Runnable changed;
    private final BooleanSupplier idle;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final Timing timing;
    private State state = State.RELEASED;
    private int tries;
    private boolean closed;
    private ScheduledFuture<?> idleRelease;
    private ScheduledFuture<?> check;

    /**
     * @param monitor the lane, whose monitor guards this lock's state too
     * @param changed called (monitor held) once the lock is taken or given up: the lane looks at its work again
     * @param idle whether the lane has nothing queued, prepared or running (monitor held)
     */
    DistrictLock(String tenant, LockSession session, Object monitor, Runnable changed, BooleanSupplier idle,
            Executor workers, ScheduledExecutorService timers, Timing timing) {
        this.tenant = tenant;
        this.session = session;
        this.monitor = monitor;
        this.changed = changed;
        this.idle = idle;
        this.workers = workers;
        this.timers = timers;
        this.timing = timing;
    }

    /** Whether the lane may dispatch. Caller holds the monitor. */
    boolean held() {
        return state == State.HELD;
    }

    /** The lane has work: keeps the lock, or starts taking it. Caller holds the monitor. */
    void need() {
        cancel(idleRelease);
        idleRelease = null;
        if (state == State.RELEASED) {
            state = State.ACQUIRING;
            workers.execute(this::acquire);
        }
    }

    /** The lane has nothing left: gives the lock up after the linger time unless work comes. Caller holds it. */
    void idle() {
        if (state != State.HELD || idleRelease != null) {
            return;
        }
        try {
            idleRelease = timers.schedule(this::releaseIfIdle, timing.linger().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The writer is shutting down: the lock goes with the connection anyway.
            Log.debugf("district %s: timers stopped, idle lock release not scheduled", tenant);
        }
    }

    /** Stops taking, checking and releasing the lock. Caller holds the monitor; then {@link #releaseSession}. */
    void close() {
        closed = true;
        cancel(idleRelease);
        cancel(check);
    }

    /** Gives the session's lock up, whatever the state; called without the monitor (it may wait on the database). */
    void releaseSession() {
        session.release();
    }

    private void acquire() {
        boolean taken;
        try {
            taken = session.tryAcquire();
        } catch (Exception e) {
            Log.warnf("district %s could not take its lane lock: %s", tenant, e.getMessage());
            taken = false;
        }
        boolean giveBack = false;
        synchronized (monitor) {
            if (closed) {
                giveBack = taken;
            } else if (taken) {
                if (tries > 0) {
                    Log.infof("district %s took its lane lock after %d tries", tenant, tries + 1);
                }
                tries = 0;
                state = State.HELD;
                long every = timing.checkInterval().toMillis();
                check = timers.scheduleWithFixedDelay(() -> workers.execute(this::checkHeld), every, every,
                        TimeUnit.MILLISECONDS);
                changed.run();
            } else {
                if (tries == 0) {
                    Log.infof("district %s is locked by another writer replica (a rebalance is under way); its "
                            + "writes wait for it", tenant);
                }
                long step = timing.retryInitial().toMillis() << Math.min(tries, 16);
                long delay = Math.min(step, timing.retryMax().toMillis());
                tries++;
                timers.schedule(() -> workers.execute(this::acquire), delay, TimeUnit.MILLISECONDS);
            }
        }
        if (giveBack) {
            session.release();
        }
    }

    private void checkHeld() {
        if (session.isHeld()) {
            return;
        }
        synchronized (monitor) {
            if (state != State.HELD) {
                return;
            }
            Log.warnf("district %s lost its lane lock (its database session ended); locking again", tenant);
            cancel(check);
            state = State.RELEASING;
        }
        session.release();
        synchronized (monitor) {
            state = State.RELEASED;
            changed.run();
        }
    }

    private void releaseIfIdle() {
        synchronized (monitor) {
            idleRelease = null;
            if (!idle.getAsBoolean() || state != State.HELD) {
                return;
            }
            cancel(check);
            state = State.RELEASING;
        }
        workers.execute(() -> {
            session.release();
            synchronized (monitor) {
                state = State.RELEASED;
                changed.run();
            }
        });
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
