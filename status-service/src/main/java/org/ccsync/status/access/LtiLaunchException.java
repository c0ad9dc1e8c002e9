package org.ccsync.status.access;

/**
 * A launch from Canvas that is refused: answered with a plain page that says why in words, a stable code, and never
 * the token or a stack trace.
 */
public class LtiLaunchException extends RuntimeException {

    private final int status;
    private final String code;

    public LtiLaunchException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static LtiLaunchException invalid(String message) {
        return new LtiLaunchException(400, "launch_invalid", message);
    }
}
