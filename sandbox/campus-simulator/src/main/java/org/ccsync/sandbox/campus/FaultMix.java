package org.ccsync.sandbox.campus;

/**
 * Random faults of an unsteady IC, drawn once per admitted gradebook request: a share answered with a server error,
 * a share with 429 (and the settings' {@code Retry-After}), a share never answered (closed after the timeout hold).
 * The shares add up to at most 1.
 */
public record FaultMix(double serverErrorRate, int serverErrorStatus, double throttleRate, double timeoutRate) {

    public static final FaultMix NONE = new FaultMix(0, 503, 0, 0);

    public FaultMix {
        for (double rate : new double[] {serverErrorRate, throttleRate, timeoutRate}) {
            if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("each fault rate must be within 0..1 but was " + rate);
            }
        }
        if (serverErrorRate + throttleRate + timeoutRate > 1) {
            throw new IllegalArgumentException("fault rates add up to more than 1");
        }
        if (serverErrorStatus < 500 || serverErrorStatus > 599) {
            throw new IllegalArgumentException("the server error must be a 5xx code but was " + serverErrorStatus);
        }
    }
}
