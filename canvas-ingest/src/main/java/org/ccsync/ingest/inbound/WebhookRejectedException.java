package org.ccsync.ingest.inbound;

/** A Live Event delivery refused with an HTTP status and a stable error code. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;
    private final String code;

    public WebhookRejectedException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
