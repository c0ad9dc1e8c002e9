package org.ccsync.sandbox.campus;

/** What the fault plan decided for one admitted gradebook request. */
record Fault(Kind kind, int status) {

    /** The three possible outcomes. */
    enum Kind { NONE, FAIL, TIMEOUT }

    static final Fault NONE = new Fault(Kind.NONE, 0);
    static final Fault TIMEOUT = new Fault(Kind.TIMEOUT, 0);

    static Fault fail(int status) {
        return new Fault(Kind.FAIL, status);
    }
}
