package org.ccsync.ingest;

/** The JSON body of every error answer: a stable snake_case code and a human sentence. */
public record ApiError(String code, String message) {
}
