package org.ccsync.sandbox.campus;

import java.util.Random;

/** Thread-safe schedule of injected failures and timeouts for gradebook requests. */
final class FaultPlan {

    private final Random random = new Random();
    private int timeoutNext;
    private int failNextCount;
    private int failNextStatus;
    private double failureRate;
    private int failureRateStatus;
    private FaultMix mix = FaultMix.NONE;

    synchronized void failNext(int count, int status) {
        requireCount(count);
        requireErrorStatus(status);
        failNextCount = count;
        failNextStatus = status;
    }

    synchronized void setFailureRate(double rate, int status) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("failure rate must be within 0..1 but was " + rate);
        }
        requireErrorStatus(status);
        failureRate = rate;
        failureRateStatus = status;
    }

    synchronized void setMix(FaultMix value) {
        mix = value;
    }

    synchronized void timeoutNext(int count) {
        requireCount(count);
        timeoutNext = count;
    }

    synchronized void clear() {
        timeoutNext = 0;
        failNextCount = 0;
        failureRate = 0;
        mix = FaultMix.NONE;
    }

    /** Consumes and returns the fault for the next admitted request. */
    synchronized Fault next() {
        if (timeoutNext > 0) {
            timeoutNext--;
            return Fault.TIMEOUT;
        }
        if (failNextCount > 0) {
            failNextCount--;
            return Fault.fail(failNextStatus);
        }
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            return Fault.fail(failureRateStatus);
        }
        double draw = random.nextDouble();
        if (draw < mix.timeoutRate()) {
            return Fault.TIMEOUT;
        }
        if (draw < mix.timeoutRate() + mix.throttleRate()) {
            return Fault.fail(429);
        }
        if (draw < mix.timeoutRate() + mix.throttleRate() + mix.serverErrorRate()) {
            return Fault.fail(mix.serverErrorStatus());
        }
        return Fault.NONE;
    }

    private static void requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
    }

    private static void requireErrorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be a 4xx or 5xx code but was " + status);
        }
    }
}
