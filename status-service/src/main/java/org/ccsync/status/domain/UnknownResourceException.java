package org.ccsync.status.domain;

/** A requested assignment, student, run or mapping does not exist; answered as 404 with a stable code. */
public class UnknownResourceException extends RuntimeException {

    private final String code;

    public UnknownResourceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
