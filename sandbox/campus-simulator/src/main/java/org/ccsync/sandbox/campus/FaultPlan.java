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

    synchronized void timeoutNext(int count) {
        requireCount(count);
        timeoutNext = count;
    }

    synchronized void clear() {
        timeoutNext = 0;
        failNextCount = 0;
        failureRate = 0;
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
