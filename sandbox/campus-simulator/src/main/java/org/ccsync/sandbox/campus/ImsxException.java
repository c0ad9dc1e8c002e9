package org.ccsync.sandbox.campus;

/** A OneRoster error to be answered with an HTTP status and the imsx status body. */
final class ImsxException extends RuntimeException {

    static final String INVALID_DATA = "invaliddata";
    static final String UNKNOWN_OBJECT = "unknownobject";
    static final String SERVER_BUSY = "server_busy";
    static final String UNAUTHORISED = "unauthorisedrequest";
    static final String INTERNAL_ERROR = "internal_server_error";

    private final int status;
    private final String codeMinor;

    ImsxException(int status, String codeMinor, String description) {
        super(description);
        this.status = status;
        this.codeMinor = codeMinor;
    }

    static ImsxException invalidData(String description) {
        return new ImsxException(422, INVALID_DATA, description);
    }

    static ImsxException badRequest(String description) {
        return new ImsxException(400, INVALID_DATA, description);
    }

    static ImsxException unknownObject(String description) {
        return new ImsxException(404, UNKNOWN_OBJECT, description);
    }

    static ImsxException unauthorised(String description) {
        return new ImsxException(401, UNAUTHORISED, description);
    }

    int status() {
        return status;
    }

    String codeMinor() {
        return codeMinor;
    }

    /** The codeMinor IC uses for an injected or generic failure status. */
    static String codeMinorFor(int status) {
        return switch (status) {
            case 400, 422 -> INVALID_DATA;
            case 401, 403 -> UNAUTHORISED;
            case 404 -> UNKNOWN_OBJECT;
            case 429, 503 -> SERVER_BUSY;
            default -> INTERNAL_ERROR;
        };
    }
}
