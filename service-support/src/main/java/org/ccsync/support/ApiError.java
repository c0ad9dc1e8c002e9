package org.ccsync.support;

/** The JSON body of every error answer of every service: a stable snake_case code and a human sentence. */
public record ApiError(String code, String message) {
}
