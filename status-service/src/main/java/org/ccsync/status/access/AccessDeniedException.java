package org.ccsync.status.access;

/** The caller may not see or change what they asked for; the answer says no more than that. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException() {
        super("access denied");
    }
}
