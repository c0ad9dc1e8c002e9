package org.ccsync.status;

/** The JSON body of every error answer: a stable machine code and a human sentence. */
public record ApiError(String code, String message) {
}
